package dev.portolan.cli;

import static dev.portolan.cli.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A trace in describe's layout: request, outcome, listener, route, filters, backends, timeouts, steps. Pure. */
final class TraceText {
    private TraceText() {
    }

    static String render(JsonNode trace) {
        JsonNode request = trace.path("request");
        JsonNode gateway = trace.path("gateway");
        JsonNode listener = trace.path("listener");
        JsonNode route = trace.path("route");
        String query = text(request, "query");
        DescribeText out = new DescribeText()
                .field("ConfigVersion", text(trace, "configVersion"))
                .field("Request", text(request, "method") + " " + text(request, "scheme") + "://"
                        + text(request, "host") + text(request, "path") + (query.isEmpty() ? "" : "?" + query))
                .field("Gateway", text(gateway, "namespace") + "/" + text(gateway, "name")
                        + (text(gateway, "address").isEmpty() ? "" : " at " + text(gateway, "address") + ":"
                        + text(gateway, "port")))
                .field("Listener", Json.isEmpty(listener) ? "" : text(listener, "name") + " (port "
                        + text(listener, "port") + ", " + text(listener, "protocol")
                        + (text(listener, "hostname").isEmpty() ? "" : ", hostname " + text(listener, "hostname")) + ")")
                .field("Matched", String.valueOf(trace.path("matched").asBoolean()));
        if (!text(trace, "problem").isEmpty()) {
            out.field("Problem", text(trace, "problem"));
        }
        out.field("Route", Json.isEmpty(route) ? "" : "HTTPRoute " + text(route, "namespace") + "/"
                        + text(route, "name") + " rule " + text(route, "rule")
                        + (text(route, "ruleName").isEmpty() ? "" : " (" + text(route, "ruleName") + ")")
                        + " match " + text(route, "matchIndex")
                        + (text(route, "match").isEmpty() ? "" : ": " + text(route, "match")))
                .field("Outcome", text(trace, "outcome"))
                .list("Filters", filters(trace.path("filters")))
                .table("Backends", backends(trace.path("backends")))
                .block("Timeouts", timeouts(trace.path("timeouts")))
                .list("ClosestMisses", misses(trace.path("closestMisses")))
                .list("Steps", Json.texts(trace.path("steps")));
        return out.toString();
    }

    private static List<String> filters(JsonNode filters) {
        List<String> lines = new ArrayList<>();
        for (JsonNode filter : filters) {
            JsonNode details = filter.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) details).remove(List.of("type", "scope"));
            lines.add(text(filter, "type") + " (" + text(filter, "scope") + "): " + details);
        }
        return lines;
    }

    private static Table backends(JsonNode backends) {
        Table table = new Table(List.of("Name", "Weight", "Share", "Protocol", "Endpoints", "TLS", "Problem"));
        for (JsonNode backend : backends) {
            JsonNode tls = backend.path("tls");
            String share = backend.has("sharePercent")
                    ? String.format(java.util.Locale.ROOT, "%.0f%%", backend.path("sharePercent").asDouble()) : "";
            table.row(List.of(text(backend, "name"), text(backend, "weight"), share, text(backend, "protocol"),
                    String.join(",", Json.texts(backend.path("endpoints"))),
                    Json.isEmpty(tls) ? "no" : "SNI " + text(tls, "sni") + " (" + text(tls, "policy") + ")",
                    text(backend, "problem")));
        }
        return table;
    }

    private static String timeouts(JsonNode timeouts) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("request", "backendRequest")) {
            JsonNode timeout = timeouts.path(name);
            String value = Json.isEmpty(timeout) || !timeout.path("enforced").asBoolean()
                    ? "none" : text(timeout, "value");
            String source = text(timeout, "source");
            out.append(name).append(": ").append(Failures.printable(value + (source.isEmpty() ? "" : " (" + source + ")")))
                    .append('\n');
        }
        for (JsonNode error : timeouts.path("errors")) {
            out.append("error: ").append(Failures.printable(error.asText())).append('\n');
        }
        return out.toString();
    }

    private static List<String> misses(JsonNode misses) {
        List<String> lines = new ArrayList<>();
        for (JsonNode miss : misses) {
            lines.add(text(miss, "route") + " rule " + text(miss, "rule") + " match " + text(miss, "match") + ": "
                    + String.join("; ", Json.texts(miss.path("reasons"))));
        }
        return lines;
    }
}
