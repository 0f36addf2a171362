package dev.portolan.proxy.observe;

import java.time.Instant;

/**
 * Formats access log lines (the JSON object {@link AccessLogLine} describes) into a builder that one thread reuses
 * for every line: no line object, no {@code Instant.toString}, no string concatenation per request. The time is
 * printed as {@link Instant#toString()} prints it (the second's text is computed once per second, the fraction in
 * groups of three digits as needed).
 */
public final class AccessLogFormat {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(512);
    private long second = Long.MIN_VALUE;
    /** "2026-01-02T03:04:05" of {@link #second}, without the zone. */
    private String secondText;

    /**
     * The line, valid until this format's next use.
     *
     * @param gatewayNamespace null when no Gateway served the socket (then {@code gatewayName} is ignored)
     * @param routeNamespace   null when no route matched (then {@code routeName} is ignored)
     * @param rule             rule index, -1 when no route matched
     * @param clientAddress    the peer's address, printed as "address:port"
     */
    public StringBuilder line(long epochSecond, int nano, String gatewayNamespace, String gatewayName,
                              String listener, String routeNamespace, String routeName, int rule, String method,
                              String path, int status, double durationMillis, long bytes, String backend,
                              String requestId, String clientAddress, int clientPort) {
        out.setLength(0);
        out.append("{\"time\":\"");
        time(epochSecond, nano);
        out.append("\",\"gateway\":");
        pair(gatewayNamespace, gatewayName);
        out.append(",\"listener\":");
        string(listener);
        out.append(",\"route\":");
        pair(routeNamespace, routeName);
        out.append(",\"rule\":");
        if (rule < 0) {
            out.append("null");
        } else {
            out.append(rule);
        }
        out.append(",\"method\":");
        string(method);
        out.append(",\"path\":");
        string(path);
        out.append(",\"status\":").append(status);
        out.append(",\"duration_ms\":").append(Math.round(durationMillis * 1000) / 1000.0);
        out.append(",\"bytes\":").append(bytes);
        out.append(",\"upstream\":");
        string(backend);
        out.append(",\"request_id\":");
        string(requestId);
        out.append(",\"client\":\"");
        escaped(clientAddress);
        out.append(':').append(clientPort).append("\"}");
        return out;
    }

    private void time(long epochSecond, int nano) {
        if (epochSecond != second) {
            String whole = Instant.ofEpochSecond(epochSecond).toString(); // "...T03:04:05Z"
            secondText = whole.substring(0, whole.length() - 1);
            second = epochSecond;
        }
        out.append(secondText);
        if (nano != 0) {
            int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
            int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
            out.append('.');
            for (int scale = digits == 3 ? 100 : digits == 6 ? 100_000 : 100_000_000; scale > 0; scale /= 10) {
                out.append((char) ('0' + value / scale % 10));
            }
        }
        out.append('Z');
    }

    private void pair(String namespace, String name) {
        if (namespace == null) {
            out.append("null");
            return;
        }
        out.append('"');
        escaped(namespace);
        out.append('/');
        escaped(name);
        out.append('"');
    }

    private void string(String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        escaped(value);
        out.append('"');
    }

    /** A null prints as "null", as string concatenation would (e.g. a client address Jetty could not tell). */
    private void escaped(String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append("\\\"");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c == 0x7f || c >= 0xd800 && c <= 0xdfff || c == 0x2028 || c == 0x2029) {
                // control characters and lone surrogates cannot forge a second line or break the JSON
                out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                        .append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
    }
}
