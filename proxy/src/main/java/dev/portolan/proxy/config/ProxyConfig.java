package dev.portolan.proxy.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One immutable, versioned snapshot of everything the data plane serves. Produced by the control plane's
 * translate stage; the proxy compiles it into route tables and never looks back at Gateway API objects.
 *
 * <p>The version is an opaque identifier, compared only for equality: the control plane uses a digest of the
 * content ({@link ContentVersion}), so it never repeats for different content, whichever process or replica
 * computed it. It is sent as an HTTP entity tag, hence the restricted characters.
 */
public record ProxyConfig(String version, List<GatewayConfig> gateways) {
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ProxyConfig {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("ProxyConfig.version must be 1 to 64 of A-Z a-z 0-9 . _ -, got "
                    + (version == null ? "nothing" : "'" + version.substring(0, Math.min(version.length(), 80))
                    + "'"));
        }
        gateways = Checks.list(gateways, "ProxyConfig", "gateways");
    }

    /** This content, versioned by its digest. */
    public static ProxyConfig of(List<GatewayConfig> gateways) {
        return new ProxyConfig(ContentVersion.of(gateways), gateways);
    }
}
