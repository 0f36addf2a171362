package dev.portolan.proxy.observe;

import java.time.Instant;

/**
 * One access log line: a JSON object with fixed fields. No header values (they can carry credentials) and no
 * query string (it can carry tokens); the path is the normalized one that was routed.
 *
 * @param gateway  "namespace/name", or null when no Gateway served the socket
 * @param listener null when no listener of the port accepts the host
 * @param route    "namespace/name", null when no route matched
 * @param rule     rule index, -1 when no route matched
 * @param backend  the backend chosen, null when none was
 * @param client   the peer's "address:port"
 */
public record AccessLogLine(Instant time, String gateway, String listener, String route, int rule, String method,
                            String path, int status, double durationMillis, long bytes, String backend,
                            String requestId, String client) {

    public String toJson() {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "time", time.toString()).append(',');
        field(out, "gateway", gateway).append(',');
        field(out, "listener", listener).append(',');
        field(out, "route", route).append(',');
        out.append("\"rule\":");
        if (rule < 0) {
            out.append("null");
        } else {
            out.append(rule);
        }
        out.append(',');
        field(out, "method", method).append(',');
        field(out, "path", path).append(',');
        out.append("\"status\":").append(status).append(',');
        out.append("\"duration_ms\":").append(Math.round(durationMillis * 1000) / 1000.0).append(',');
        out.append("\"bytes\":").append(bytes).append(',');
        field(out, "upstream", backend).append(',');
        field(out, "request_id", requestId).append(',');
        field(out, "client", client);
        return out.append('}').toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0xd800 && c <= 0xdfff || c == 0x2028 || c == 0x2029) {
                        // control characters and lone surrogates cannot forge a second line or break the JSON
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
