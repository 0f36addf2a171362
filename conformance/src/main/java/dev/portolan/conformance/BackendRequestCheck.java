package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the echo backend received versus {@code expect.backendRequest}, {@code expect.namespace} and
 * {@code expect.backend}. Without an echo body the captured request is empty except the method sent.
 */
final class BackendRequestCheck {
    private BackendRequestCheck() {
    }

    static Optional<String> mismatch(JsonNode expect, String sentMethod, JsonNode echo) {
        JsonNode wanted = expect.path("backendRequest");
        String method = echo == null ? sentMethod : echo.path("method").asText();
        String path = echo == null ? "" : echo.path("path").asText();
        String pod = echo == null ? "" : echo.path("pod").asText();
        String namespace = echo == null ? "" : echo.path("namespace").asText();
        if (!wanted.path("method").asText("").isEmpty() && !wanted.path("method").asText().equals(method)) {
            return Optional.of("backend received method " + method + ", expected " + wanted.path("method").asText());
        }
        if (wanted.has("path") && !wanted.path("path").asText().equals(path)) {
            return Optional.of("backend received path " + quote(path) + ", expected " + quote(wanted.path("path").asText()));
        }
        if (wanted.hasNonNull("host") && (echo == null || !wanted.get("host").asText().equals(echo.path("host").asText()))) {
            return Optional.of("backend received host " + quote(echo == null ? "" : echo.path("host").asText())
                    + ", expected " + quote(wanted.get("host").asText()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            Optional<String> actual = echoHeader(echo, header.getKey());
            if (actual.isEmpty()) {
                return Optional.of("backend request lacks header " + header.getKey() + " (expected " + quote(header.getValue().asText()) + ")");
            }
            if (!actual.get().equals(header.getValue().asText())) {
                return Optional.of("backend request header " + header.getKey() + " is " + quote(actual.get())
                        + ", expected " + quote(header.getValue().asText()));
            }
        }
        for (JsonNode absent : wanted.path("absentHeaders")) {
            Optional<String> actual = echoHeader(echo, absent.asText());
            if (actual.isPresent()) {
                return Optional.of("backend request has header " + absent.asText() + " = " + quote(actual.get()) + ", expected it absent");
            }
        }
        if (wanted.hasNonNull("tlsServerName")) {
            String sni = echo == null ? "" : echo.path("tls").path("serverName").asText("");
            if (!sni.equals(wanted.get("tlsServerName").asText())) {
                return Optional.of("backend TLS server name (SNI) is " + quote(sni) + ", expected " + quote(wanted.get("tlsServerName").asText()));
            }
        }
        String expectedNamespace = expect.path("namespace").asText("");
        if (!expectedNamespace.isEmpty() && !expectedNamespace.equals(namespace)) {
            return Optional.of("answered from namespace " + quote(namespace) + " (pod " + quote(pod) + "), expected " + quote(expectedNamespace));
        }
        String backend = expect.path("backend").asText("");
        if (!pod.startsWith(backend)) {
            return Optional.of("answered by pod " + quote(pod) + ", expected a pod of " + backend);
        }
        return Optional.empty();
    }

    /** The echoed values of a header (name case-insensitive), joined with "," as the cases write them. */
    static Optional<String> echoHeader(JsonNode echo, String name) {
        if (echo == null) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = echo.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            if (header.getKey().equalsIgnoreCase(name)) {
                List<String> values = new ArrayList<>();
                header.getValue().forEach(v -> values.add(v.asText()));
                return Optional.of(String.join(",", values));
            }
        }
        return Optional.empty();
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }
}
