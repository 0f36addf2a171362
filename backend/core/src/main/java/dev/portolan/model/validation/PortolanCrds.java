package dev.portolan.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The CRDs of Portolan's own policy kinds (the files in {@code deploy/crds}, packaged as resources). */
public final class PortolanCrds {
    private static final List<String> FILES = List.of("timeoutpolicies.gateway.portolan.dev.yaml");
    private static final List<ObjectNode> CRDS = load();

    private PortolanCrds() {
    }

    /** Copies are the caller's to keep; the originals stay untouched. */
    public static List<ObjectNode> all() {
        return CRDS.stream().map(ObjectNode::deepCopy).toList();
    }

    private static List<ObjectNode> load() {
        List<ObjectNode> out = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = PortolanCrds.class.getResourceAsStream("/dev/portolan/crds/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("built-in CRD " + file + " is missing from the classpath");
                }
                JsonNode crd = Manifests.YAML.readTree(in);
                out.add((ObjectNode) crd);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(out);
    }
}
