package dev.portolan.api.access;

import java.util.regex.Pattern;

/** Which paths need no credentials. Pure. */
public final class AccessPaths {
    /**
     * The dashboard's own script and style files ({@code /ui/main.js}, {@code /ui/portolan.css}): the same bytes as
     * in the published jar, no object data, and a sign-in page needs them. One segment only: deeper {@code /ui}
     * paths are object pages whose names may end in {@code .js}.
     */
    private static final Pattern UI_ASSET = Pattern.compile("/ui/[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*"
            + "\\.(js|css|map|svg|png|ico|woff2?)");

    private AccessPaths() {
    }

    /**
     * {@code /health} (probes; says only UP or DOWN), the dashboard's static assets, and signing in and out (the
     * sign-in form checks the token itself; both posts are CSRF-checked by origin).
     */
    public static boolean isPublic(String path) {
        return path.equals("/health") || path.equals("/ui/sign-in") || path.equals("/ui/sign-out")
                || UI_ASSET.matcher(path).matches();
    }

    /** Proxy configs hold listener private keys: they always need a token, even from loopback. */
    public static boolean isProxyConfig(String path) {
        return path.equals("/proxy") || path.startsWith("/proxy/");
    }
}
