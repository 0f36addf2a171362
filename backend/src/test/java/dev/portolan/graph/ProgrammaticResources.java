package dev.portolan.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Secrets and ConfigMaps of {@code cases/base/programmatic-resources.json}, with freshly generated certificates.
 * CAs are named by the first word of their description ({@code CA-A}, ...); one instance serves all its users.
 */
public final class ProgrammaticResources {
    private final Map<String, TestCertificates.Pem> authorities = new HashMap<>();

    /** Manifests for every listed object, in file order. */
    public List<ObjectNode> manifests(JsonNode description) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode object : description.path("objects")) {
            String kind = object.path("kind").asText();
            if (kind.equals("Secret")) {
                out.add(secret(object));
            } else if (kind.equals("ConfigMap")) {
                out.add(configMap(object));
            } else {
                throw new IllegalArgumentException("programmatic resource of kind " + kind + " is not supported");
            }
        }
        return out;
    }

    private ObjectNode secret(JsonNode object) {
        JsonNode cert = object.path("cert");
        List<String> sans = new ArrayList<>();
        cert.path("sans").forEach(san -> sans.add(san.asText()));
        TestCertificates.Pem issuer = cert.path("selfSigned").asBoolean(false) ? null : authority(cert.path("issuer").asText());
        JsonNode usage = cert.path("extKeyUsage");
        TestCertificates.Pem pem = TestCertificates.leaf(sans, issuer, usage.isArray() && !usage.isEmpty() ? usage.get(0).asText() : null);
        ObjectNode manifest = header("Secret", object);
        manifest.put("type", "kubernetes.io/tls");
        ObjectNode data = manifest.putObject("data");
        data.put("tls.crt", base64(pem.certificate()));
        data.put("tls.key", base64(pem.privateKey()));
        return manifest;
    }

    private ObjectNode configMap(JsonNode object) {
        TestCertificates.Pem ca = authority(object.path("ca").asText().split(" ")[0]);
        ObjectNode manifest = header("ConfigMap", object);
        ObjectNode data = manifest.putObject("data");
        data.put("ca.crt", ca.certificate());
        data.put("key.crt", ca.privateKey());
        return manifest;
    }

    private TestCertificates.Pem authority(String name) {
        return authorities.computeIfAbsent(name, n -> TestCertificates.certificateAuthority("gatewayapi"));
    }

    private static ObjectNode header(String kind, JsonNode object) {
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("apiVersion", "v1");
        manifest.put("kind", kind);
        manifest.putObject("metadata").put("name", object.path("name").asText())
                .put("namespace", object.path("namespace").asText());
        return manifest;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
