package dev.portolan.graph.backendtls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading multi-document YAML into manifest trees and ResourceSets for tests. */
final class TestManifests {
    private TestManifests() {
    }

    static List<ObjectNode> read(String yaml) {
        List<ObjectNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = Manifests.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode object && !object.isEmpty()) {
                    out.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static ResourceSet set(String... yamls) {
        List<ObjectNode> all = new ArrayList<>();
        for (String yaml : yamls) {
            all.addAll(read(yaml));
        }
        return ResourceSet.of(all);
    }

    /** A ConfigMap manifest in YAML with {@code ca.crt} set to the given text. */
    static String caConfigMap(String namespace, String name, String caText) {
        ObjectNode cm = Manifests.JSON.createObjectNode();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", name).put("namespace", namespace);
        cm.putObject("data").put("ca.crt", caText);
        try {
            return Manifests.YAML.writeValueAsString(cm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
