package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What came back for one request.
 *
 * @param headers response header name (as received) to its values, one per header line
 * @param echo    the parsed echo body, or null when the answer is not exactly {@code application/json}
 */
public record CapturedResponse(int status, Map<String, List<String>> headers, JsonNode echo) {
    /** All values of a header (name case-insensitive), or empty when absent. */
    public Optional<List<String>> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }
}
