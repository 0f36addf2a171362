package dev.portolan.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route page's "Enforced by the proxy" tables from the describe's {@code enforced} section: one row per parent
 * Gateway, rule and timeout (or backend), the value the proxy applies, and the chain of candidates that decided it
 * with the winner marked.
 */
final class EnforcedRows {
    private EnforcedRows() {
    }

    /** Rows of {gateway, rule, field, value, state, why, source, link, chain}. */
    static List<Map<String, Object>> timeouts(JsonNode enforced) {
        List<Map<String, Object>> rows = new ArrayList<>();
        enforced.fields().forEachRemaining(gateway -> {
            for (JsonNode rule : gateway.getValue()) {
                for (String field : List.of("request", "backendRequest")) {
                    JsonNode t = rule.path(field);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("gateway", gateway.getKey());
                    row.put("rule", rule.path("rule").asInt());
                    row.put("field", field);
                    row.put("value", display(t));
                    row.put("state", t.path("state").asText());
                    row.put("why", t.path("why").asText(""));
                    row.put("source", t.path("source").asText(""));
                    row.put("link", UiLinks.toUi(t.path("link").asText("")));
                    row.put("chain", chain(t.path("chain")));
                    rows.add(row);
                }
            }
        });
        return rows;
    }

    /** Rows of {gateway, rule, backend, link, connection, detail, chain}. */
    static List<Map<String, Object>> backends(JsonNode enforced) {
        List<Map<String, Object>> rows = new ArrayList<>();
        enforced.fields().forEachRemaining(gateway -> {
            for (JsonNode rule : gateway.getValue()) {
                for (JsonNode backend : rule.path("backends")) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("gateway", gateway.getKey());
                    row.put("rule", rule.path("rule").asInt());
                    row.put("backend", backend.path("backend").asText());
                    row.put("link", UiLinks.toUi(backend.path("link").asText("")));
                    String connection = backend.path("connection").asText();
                    row.put("connection", switch (connection) {
                        case "tls" -> "TLS";
                        case "plain" -> "plain HTTP";
                        case "fails" -> "fails (5xx, never plaintext)";
                        default -> "not served";
                    });
                    row.put("badge", switch (connection) {
                        case "tls", "plain" -> "status-true";
                        case "fails" -> "status-false";
                        default -> "status-unknown";
                    });
                    row.put("detail", tlsDetail(backend));
                    row.put("chain", chain(backend.path("chain")));
                    rows.add(row);
                }
            }
        });
        return rows;
    }

    private static String display(JsonNode timeout) {
        return switch (timeout.path("state").asText()) {
            case "enforced" -> timeout.path("enforced").asText();
            case "disabled" -> "off (0s)";
            case "invalid" -> "none (invalid value)";
            case "notServed" -> "not served";
            default -> "none";
        };
    }

    private static String tlsDetail(JsonNode backend) {
        List<String> parts = new ArrayList<>();
        if (backend.hasNonNull("sni")) {
            parts.add("SNI " + backend.path("sni").asText());
        }
        if (backend.path("systemCertificates").asBoolean()) {
            parts.add("system trust store");
        }
        if (backend.path("caCertificates").asInt() > 0) {
            parts.add(backend.path("caCertificates").asInt() + " CA bundle(s)");
        }
        List<String> sans = new ArrayList<>();
        backend.path("subjectAltNames").forEach(s -> sans.add(s.asText()));
        if (!sans.isEmpty()) {
            parts.add("SAN " + String.join(", ", sans));
        }
        if (backend.hasNonNull("problem")) {
            parts.add(backend.path("problem").asText());
        }
        return String.join("; ", parts);
    }

    /** Each step: {winner, source, level, object, link, target, value, reason}. */
    private static List<Map<String, Object>> chain(JsonNode chain) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (JsonNode step : chain) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("winner", step.path("winner").asBoolean());
            s.put("source", step.path("source").asText());
            s.put("level", step.path("level").asText());
            s.put("object", step.path("object").asText().replaceFirst("/", " "));
            s.put("link", UiLinks.toUi(step.path("link").asText("")));
            // the level names the target's kind already: "at Gateway default/web"
            String target = step.path("target").asText("");
            s.put("target", target.contains("/") ? target.substring(target.indexOf('/') + 1) : target);
            s.put("field", step.path("field").asText());
            s.put("value", step.path("value").asText(""));
            s.put("reason", step.path("reason").asText());
            steps.add(s);
        }
        return steps;
    }
}
