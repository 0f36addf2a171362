package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code responseHeaders} (exact), {@code responseHeadersOneOf} and {@code absentResponseHeaders}. */
final class ResponseHeadersCheck {
    private ResponseHeadersCheck() {
    }

    static Optional<String> mismatch(JsonNode expect, CapturedResponse response) {
        boolean ignoreWhitespace = expect.path("ignoreWhitespaceInResponseHeaderValues").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = expect.path("responseHeaders").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            Optional<String> problem = compare(header.getKey(), List.of(header.getValue().asText()), response, ignoreWhitespace);
            if (problem.isPresent()) {
                return problem;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expect.path("responseHeadersOneOf").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            List<String> allowed = new ArrayList<>();
            header.getValue().forEach(v -> allowed.add(v.asText()));
            Optional<String> problem = compare(header.getKey(), allowed, response, ignoreWhitespace);
            if (problem.isPresent()) {
                return problem;
            }
        }
        for (JsonNode absent : expect.path("absentResponseHeaders")) {
            Optional<List<String>> values = response.header(absent.asText());
            if (values.isPresent()) {
                return Optional.of("response has header " + absent.asText() + " = " + BackendRequestCheck.quote(String.join(",", values.get()))
                        + ", expected it absent");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compare(String name, List<String> allowed, CapturedResponse response, boolean ignoreWhitespace) {
        Optional<List<String>> values = response.header(name);
        if (values.isEmpty()) {
            return Optional.of("response lacks header " + name + " (expected " + describe(allowed) + ")");
        }
        String actual = String.join(",", values.get());
        boolean matches = allowed.stream().anyMatch(v -> normalize(v, ignoreWhitespace).equals(normalize(actual, ignoreWhitespace)));
        return matches ? Optional.empty()
                : Optional.of("response header " + name + " is " + BackendRequestCheck.quote(actual) + ", expected " + describe(allowed));
    }

    private static String normalize(String value, boolean ignoreWhitespace) {
        return ignoreWhitespace ? value.replaceAll("\\s+", "") : value;
    }

    private static String describe(List<String> allowed) {
        return allowed.size() == 1 ? BackendRequestCheck.quote(allowed.get(0)) : "one of " + allowed;
    }
}
