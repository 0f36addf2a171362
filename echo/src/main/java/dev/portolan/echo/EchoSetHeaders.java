package dev.portolan.echo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the {@code X-Echo-Set-Header} request header: each line is split on ",", each item "Name:value"
 * (trimmed) becomes a response header; a repeated name gets its values joined with "," (the conformance
 * harness compares joined values without spaces). Name case is kept as sent. Items without ":" are ignored.
 */
public final class EchoSetHeaders {

    public static final String REQUEST_HEADER = "X-Echo-Set-Header";

    private EchoSetHeaders() {
    }

    /** @return response header name to value, in first-seen order */
    public static Map<String, String> parse(List<String> headerLines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : headerLines) {
            for (String item : line.split(",")) {
                int colon = item.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = item.substring(0, colon).trim();
                String value = item.substring(colon + 1).trim();
                if (name.isEmpty()) {
                    continue;
                }
                out.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        return out;
    }
}
