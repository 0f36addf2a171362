package dev.portolan.translate;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.proxy.config.CertificateConfig;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Reads the PEM chain and key of a kubernetes.io/tls Secret (data is base64, stringData plain text). */
final class ListenerCertificates {
    private ListenerCertificates() {
    }

    /** The certificate, or empty after reporting why the Secret cannot be used. */
    static Optional<CertificateConfig> read(ResourceSet resources, ResourceKey secretKey, Problems problems) {
        Optional<Secret> secret = resources.get(secretKey, Secret.class);
        if (secret.isEmpty()) {
            problems.add(secretKey, "data", "the Secret does not exist");
            return Optional.empty();
        }
        try {
            String chain = value(secret.get(), "tls.crt");
            String key = value(secret.get(), "tls.key");
            if (chain == null || chain.isBlank() || key == null || key.isBlank()) {
                problems.add(secretKey, "data", "tls.crt or tls.key is missing or empty");
                return Optional.empty();
            }
            return Optional.of(new CertificateConfig(chain, key));
        } catch (IllegalArgumentException e) {
            problems.add(secretKey, "data", "not valid base64: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String value(Secret secret, String name) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(name) != null) {
            return new String(Base64.getMimeDecoder().decode(data.get(name)), StandardCharsets.US_ASCII);
        }
        Map<String, String> stringData = secret.getStringData();
        return stringData == null ? null : stringData.get(name);
    }
}
