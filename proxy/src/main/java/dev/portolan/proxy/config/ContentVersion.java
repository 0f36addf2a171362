package dev.portolan.proxy.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * A config version derived from the content alone: the first 64 bits of a SHA-256 over the SHA-256 of each
 * Gateway's canonical JSON (the codec's output is deterministic), in order, as 16 hex digits. A restarted control
 * plane, or another replica over the same objects, computes the same version for the same content and a different
 * one for any other content, so a proxy never mistakes new content for what it already serves and never reloads
 * what it already has. Digesting each Gateway's digest rather than the whole text makes a change cost its own
 * Gateway's JSON, not megabytes of every Gateway's (each Gateway's digest is cached with its JSON by the codec).
 */
public final class ContentVersion {
    /** Names the scheme; hashed first, so that these digests are never bare concatenations of others. */
    private static final byte[] SCHEME = "portolan-config-version/2 per-gateway sha-256\n"
            .getBytes(StandardCharsets.US_ASCII);

    private ContentVersion() {
    }

    public static String of(List<GatewayConfig> gateways) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update(SCHEME);
        for (GatewayConfig gateway : gateways) {
            sha256.update(ProxyConfigCodec.gatewayDigest(gateway));
        }
        return HexFormat.of().formatHex(sha256.digest(), 0, 8);
    }
}
