package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.CertificateBuilder;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyPurpose;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
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
    /**
     * Replaces the upstream SANs {@code *} and {@code *.org}: Java's TLS client rejects a bare {@code *} and
     * wildcards directly under a public suffix, so the listener certificate names every SNI the cases send
     * (README section 4 allows explicit SANs).
     */
    static final List<String> EXPLICIT_WILDCARD_SANS = List.of("example.org", "second-example.org", "unknown-example.org",
            "https-listener.org", "third-example.wildcard.org", "fourth-example.wildcard.org", "example.com", "foo.example.com");

    /** Leaf subject and key type as the upstream suite generates them. */
    static final String LEAF_SUBJECT = "CN=default, O=Acme Co";

    private final Map<String, CertificateAuthority> authorities = new HashMap<>();

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
        for (JsonNode san : cert.path("sans")) {
            if (san.asText().equals("*") || san.asText().equals("*.org")) {
                EXPLICIT_WILDCARD_SANS.stream().filter(name -> !sans.contains(name)).forEach(sans::add);
            } else {
                sans.add(san.asText());
            }
        }
        CertificateBuilder builder = cert.path("selfSigned").asBoolean(false) ? TestPki.selfSigned()
                : authority(cert.path("issuer").asText()).leaf();
        JsonNode usage = cert.path("extKeyUsage");
        if (usage.isArray() && !usage.isEmpty()) {
            builder.purposes(KeyPurpose.named(usage.get(0).asText()));
        }
        IssuedCertificate pem = builder.subject(LEAF_SUBJECT).sans(sans).keyType(KeyType.RSA).issue();
        ObjectNode manifest = header("Secret", object);
        manifest.put("type", "kubernetes.io/tls");
        ObjectNode data = manifest.putObject("data");
        data.put("tls.crt", base64(pem.certificatePem()));
        data.put("tls.key", base64(pem.privateKeyPem()));
        return manifest;
    }

    private ObjectNode configMap(JsonNode object) {
        CertificateAuthority ca = authority(object.path("ca").asText().split(" ")[0]);
        ObjectNode manifest = header("ConfigMap", object);
        ObjectNode data = manifest.putObject("data");
        data.put("ca.crt", ca.certificatePem());
        data.put("key.crt", ca.privateKeyPem());
        return manifest;
    }

    private CertificateAuthority authority(String name) {
        return authorities.computeIfAbsent(name, n -> TestPki.newCa("gatewayapi", KeyType.RSA));
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
