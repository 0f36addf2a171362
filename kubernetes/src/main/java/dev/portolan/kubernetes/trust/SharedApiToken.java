package dev.portolan.kubernetes.trust;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The API write token of Kubernetes mode, one for all replicas: kept in Secret
 * {@value ControlPlaneHome#API_TOKEN_SECRET} (key {@value #KEY}), created with a random token by the first replica
 * to start. A token generated per replica would make a write through the Service succeed only on the replica that
 * printed it.
 */
public final class SharedApiToken {
    public static final String KEY = "token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SharedApiToken() {
    }

    public static String ensure(KubernetesClient client, ControlPlaneHome home) {
        Secret secret = SharedObjects.secret(client, home.namespace(), ControlPlaneHome.API_TOKEN_SECRET, () -> {
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            return Map.of(KEY, HexFormat.of().formatHex(random));
        });
        String where = "Secret " + home.namespace() + "/" + ControlPlaneHome.API_TOKEN_SECRET;
        String token;
        if (secret.getData() != null && secret.getData().get(KEY) != null) {
            try {
                token = new String(Base64.getDecoder().decode(secret.getData().get(KEY)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": data." + KEY + " is not base64", e);
            }
        } else {
            token = secret.getStringData() == null ? null : secret.getStringData().get(KEY);
        }
        if (token == null || token.strip().length() < 16) {
            throw new IllegalStateException(where + ": data." + KEY + " is missing or shorter than 16 characters");
        }
        token = token.strip();
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalStateException(where + ": data." + KEY + " holds whitespace or non-ASCII characters");
        }
        return token;
    }
}
