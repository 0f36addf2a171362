package dev.portolan.kubernetes.provision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names and labels of the objects provisioned for a Gateway. */
public final class ProvisionNames {
    /** The Gateway API's own label naming the Gateway a generated object belongs to. */
    public static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
    /** Marks objects the provisioner owns, so that it finds (and deletes) them without touching others. */
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "portolan-provisioner";
    /** Hash of the desired object; a changed hash means the desired state changed (e.g. a label was removed). */
    public static final String DESIRED_HASH_ANNOTATION = "portolan.dev/desired-hash";

    private static final String PREFIX = "portolan-";
    private static final int MAX_NAME = 63;

    private ProvisionNames() {
    }

    /**
     * {@code portolan-<gateway>}; names too long for a Service (63, DNS label) are cut and end in a hash of the
     * full name so that two long Gateway names do not collide.
     */
    public static String objectName(String gatewayName) {
        String name = PREFIX + gatewayName;
        if (name.length() <= MAX_NAME) {
            return name;
        }
        String hash = sha256(gatewayName).substring(0, 10);
        String head = name.substring(0, MAX_NAME - hash.length() - 1);
        while (head.endsWith("-") || head.endsWith(".")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "-" + hash;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
