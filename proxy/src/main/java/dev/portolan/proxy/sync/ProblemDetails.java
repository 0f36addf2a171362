package dev.portolan.proxy.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads what an error answer says about itself: the {@code detail} (else {@code title}) of an RFC 9457
 * problem+json body, else a short plain-text body. Pure.
 */
final class ProblemDetails {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 200;

    private ProblemDetails() {
    }

    /** The explanation in the body, or null when there is none worth logging. */
    static String of(String contentType, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.contains("json")) {
            try {
                JsonNode problem = JSON.readTree(body);
                for (String field : new String[] {"detail", "title", "message"}) {
                    JsonNode value = problem.path(field);
                    if (value.isTextual() && !value.asText().isBlank()) {
                        return shorten(value.asText());
                    }
                }
                return null;
            } catch (java.io.IOException notJson) {
                return shorten(body);
            }
        }
        return type.startsWith("text/plain") || type.isEmpty() ? shorten(body) : null;
    }

    private static String shorten(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT) + "...";
    }
}
