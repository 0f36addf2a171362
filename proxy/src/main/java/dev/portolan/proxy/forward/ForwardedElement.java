package dev.portolan.proxy.forward;

/** One element of the Forwarded header (RFC 7239 4): for, host and proto of this hop, quoted where needed. */
final class ForwardedElement {
    private ForwardedElement() {
    }

    static String of(String clientIp, String authority, String proto) {
        StringBuilder out = new StringBuilder();
        if (clientIp != null) {
            // An IPv6 address is bracketed and, having ':', quoted (RFC 7239 6).
            out.append("for=").append(clientIp.indexOf(':') >= 0 ? "\"[" + clientIp + "]\"" : clientIp).append(';');
        }
        out.append("host=").append(quoted(authority)).append(";proto=").append(proto);
        return out.toString();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
