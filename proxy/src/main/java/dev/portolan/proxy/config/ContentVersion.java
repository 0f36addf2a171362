package dev.portolan.proxy.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A config version derived from the content alone: the first 64 bits of the SHA-256 of its canonical JSON (the
 * codec's output is deterministic), as 16 hex digits. A restarted control plane, or another replica over the same
 * objects, computes the same version for the same content and a different one for any other content, so a proxy
 * never mistakes new content for what it already serves and never reloads what it already has.
 */
public final class ContentVersion {
    /** Stands in for the version while the digest is computed, so the digest covers the content only. */
    private static final String UNVERSIONED = "0";

    private ContentVersion() {
    }

    public static String of(List<GatewayConfig> gateways) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // the canonical JSON's bytes, fed piece by piece (each Gateway's JSON is cached by the codec)
            ProxyConfigCodec.writeJson(new ProxyConfig(UNVERSIONED, gateways),
                    piece -> sha256.update(piece.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha256.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
