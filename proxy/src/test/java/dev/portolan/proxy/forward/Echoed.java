package dev.portolan.proxy.forward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.ContentResponse;

/** The request a backend saw, parsed from the echo JSON. */
record Echoed(String method, String path, String host, String pod, JsonNode headers, JsonNode tls) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Echoed of(ContentResponse response) throws Exception {
        if (!"application/json".equals(response.getHeaders().get("Content-Type"))) {
            throw new AssertionError("expected an echo answer, got " + response.getStatus() + " "
                    + response.getHeaders().get("Content-Type") + ": " + response.getContentAsString());
        }
        JsonNode json = JSON.readTree(response.getContent());
        return new Echoed(json.path("method").asText(), json.path("path").asText(), json.path("host").asText(),
                json.path("pod").asText(), json.path("headers"), json.get("tls"));
    }

    /** All values of a header as the backend got it (canonical name), joined with "," like a client would. */
    String header(String canonicalName) {
        JsonNode values = headers.get(canonicalName);
        if (values == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        return String.join(",", out);
    }

    boolean hasHeader(String canonicalName) {
        return headers.has(canonicalName);
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
