package dev.portolan.api.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.config.FilterConfig;
import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.QueryParamMatch;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.proxy.edge.EdgeSettings;
import dev.portolan.proxy.edge.PathNormalizer;
import dev.portolan.proxy.routing.Explanation;
import dev.portolan.proxy.routing.HostNames;
import dev.portolan.proxy.routing.RouteMatch;
import dev.portolan.proxy.routing.RouteRequest;
import dev.portolan.proxy.routing.RouteTable;
import dev.portolan.proxy.routing.RuleMiss;
import dev.portolan.pipeline.ComputedState;
import java.util.ArrayList;
import java.util.List;

/**
 * Traces one request through a published config: Gateway and port, listener (by Host, via the proxy's
 * {@link RouteTable}), route rule and match ({@link RouteTable#explain}, the proxy's own matcher), the closest rules
 * that did not match and why, filters in order, backends, timeouts and backend TLS, and the steps in words. Pure.
 */
public final class TraceBuilder {
    /** How many non-matching rule matches to explain. */
    public static final int DEFAULT_MISSES = 5;

    private TraceBuilder() {
    }

    public static ObjectNode trace(TraceRequest request, CompiledConfig compiled, ComputedState computed,
                                   int missLimit) {
        return trace(request, compiled, computed, missLimit, EdgeSettings.defaults().mergeSlashes());
    }

    /**
     * @param mergeSlashes whether the proxy merges "//" ({@link EdgeSettings#mergeSlashes()}); the path is
     *                     normalized as the proxy does before matching, so the trace shows what the proxy matches
     */
    public static ObjectNode trace(TraceRequest received, CompiledConfig compiled, ComputedState computed,
                                   int missLimit, boolean mergeSlashes) {
        String normalizedPath = PathNormalizer.normalize(received.pathOnly(), mergeSlashes);
        TraceRequest request = normalizedPath == null || normalizedPath.equals(received.pathOnly()) ? received
                : new TraceRequest(received.gateway(), received.address(), received.port(), received.scheme(),
                received.host(), received.method(), normalizedPath
                + (received.rawQuery() == null ? "" : "?" + received.rawQuery()), received.headers());
        GatewaySelection selection = GatewaySelection.select(request, compiled, computed);
        RouteTable table = compiled.tables().get(selection.gatewayName()).get(selection.port());
        boolean secure = selection.listeners().stream().anyMatch(l -> l.protocol() == Protocol.HTTPS);
        String scheme = request.scheme() != null ? request.scheme() : secure ? "https" : "http";
        TraceRequest effective = new TraceRequest(request.gateway(), request.address(), selection.port(), scheme,
                request.host(), request.method(), request.path(), request.headers());
        List<String> steps = new ArrayList<>();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("configVersion", compiled.version());
        out.set("request", requestJson(effective, selection));
        if (normalizedPath == null) {
            String problem = "path '" + received.pathOnly() + "' has an encoded '/' or '\\'";
            out.put("matched", false);
            out.put("problem", problem);
            out.put("outcome", "400 Bad Request");
            steps.add(problem + ": the proxy refuses it before routing and answers 400");
            out.set("steps", strings(steps));
            return out;
        }
        if (request != received) {
            ((ObjectNode) out.get("request")).put("receivedPath", received.pathOnly());
            steps.add("path '" + received.pathOnly() + "' is normalized to '" + normalizedPath
                    + "' before matching and forwarding (dot segments removed, unreserved escapes decoded"
                    + (mergeSlashes ? ", slashes merged)" : ")"));
        }
        ObjectNode gateway = out.putObject("gateway");
        gateway.put("namespace", selection.gateway().namespace()).put("name", selection.gateway().name());
        if (selection.gateway().address() != null) {
            gateway.put("address", selection.gateway().address());
        }
        gateway.put("port", selection.port());
        steps.add("Gateway " + selection.gatewayName() + " port " + selection.port() + " has "
                + selection.listeners().size() + " listener(s): " + selection.listeners().stream()
                .map(l -> l.name() + " (" + l.protocol() + ", hostname " + (l.hostname() == null ? "any"
                        : l.hostname()) + ")").toList() + " (config version " + compiled.version() + ")");
        if (secure != scheme.equals("https")) {
            String problem = "the listeners on port " + selection.port() + " speak " + (secure ? "HTTPS" : "HTTP")
                    + " but the request is " + scheme;
            out.put("schemeProblem", problem);
            steps.add("Warning: " + problem + "; a real client would fail before any routing");
        }

        RouteRequest routeRequest = RouteRequest.of(effective.host(), effective.method(), effective.pathOnly(),
                effective.headers(), effective.rawQuery());
        Explanation explanation = table.explain(routeRequest, missLimit);
        ListenerConfig listener = selection.listeners().stream()
                .filter(l -> l.name().equals(explanation.listener())).findFirst().orElse(null);
        if (listener == null) {
            out.putNull("listener");
        } else {
            out.set("listener", listenerJson(listener));
            steps.add("Host '" + routeRequest.host() + "' selects listener " + listener.name()
                    + (listener.hostname() == null ? " (accepts any host)" : " (hostname " + listener.hostname()
                    + ")"));
        }
        if (explanation.virtualHost() != null) {
            out.put("virtualHost", explanation.virtualHost());
            steps.add("the routes for hostname " + explanation.virtualHost() + " on that listener are candidates");
        }
        ArrayNode misses = out.putArray("closestMisses");
        for (RuleMiss miss : explanation.misses()) {
            ObjectNode m = misses.addObject();
            m.put("route", miss.route()).put("rule", miss.ruleIndex()).put("match", miss.matchIndex());
            ArrayNode reasons = m.putArray("reasons");
            miss.reasons().forEach(reasons::add);
        }
        if (explanation.hostProblem() != null) {
            out.put("matched", false);
            out.put("problem", explanation.hostProblem());
            out.put("outcome", "404 Not Found");
            steps.add(explanation.hostProblem() + ": the proxy answers 404");
            out.set("steps", strings(steps));
            return out;
        }
        if (explanation.match().isEmpty()) {
            out.put("matched", false);
            out.put("problem", "no rule of the routes for " + explanation.virtualHost() + " matches "
                    + routeRequest);
            out.put("outcome", "404 Not Found");
            explanation.misses().stream().findFirst().ifPresent(closest -> steps.add("closest: route "
                    + closest.route() + " rule " + closest.ruleIndex() + " match " + closest.matchIndex()
                    + " fails because " + String.join("; ", closest.reasons())));
            steps.add("no rule matches: the proxy answers 404");
            out.set("steps", strings(steps));
            return out;
        }
        RouteMatch match = explanation.match().get();
        out.put("matched", true);
        MatchConfig matchConfig = match.rule().matches().isEmpty() ? MatchConfig.any()
                : match.rule().matches().get(match.matchIndex());
        out.set("route", routeJson(match, matchConfig));
        steps.add("route " + match.route().key() + " rule " + match.rule().index()
                + (match.rule().name() == null ? "" : " (" + match.rule().name() + ")") + " match "
                + match.matchIndex() + " wins: " + describe(matchConfig));
        if (!explanation.misses().isEmpty()) {
            RuleMiss closest = explanation.misses().get(0);
            steps.add("closest rule that did not match: " + closest.route() + " rule " + closest.ruleIndex()
                    + " match " + closest.matchIndex() + " (" + String.join("; ", closest.reasons()) + ")");
        }

        String host = HostNames.normalize(effective.host());
        FilterEffects effects = new FilterEffects(effective, host, selection.port(), matchConfig);
        ArrayNode filters = out.putArray("filters");
        RuleConfig rule = match.rule();
        for (FilterConfig filter : rule.filters()) {
            filters.add(effects.apply(filter, "rule", steps));
        }
        ResourceKey routeKey = ResourceKey.of("gateway.networking.k8s.io", "HTTPRoute", match.route().namespace(),
                match.route().name());
        if (effects.redirects()) {
            out.put("outcome", effects.redirectStatus() + " redirect to " + effects.redirectLocation());
            out.putArray("backends");
        } else {
            for (WeightedBackend backend : rule.backends()) {
                for (FilterConfig filter : backend.filters()) {
                    filters.add(effects.apply(filter, "backend " + backend.backend().name(), steps));
                }
            }
            out.set("upstreamRequest", effects.upstreamRequest(effective.method()));
            out.set("backends", BackendDescriptions.describe(rule.backends(), computed.backendTls(), steps));
            out.put("outcome", outcome(rule));
        }
        out.set("timeouts", TimeoutDescriptions.describe(rule.timeouts(), routeKey, selection.gatewayName(),
                rule.index(), computed.policies(), steps));
        if (rule.retry() != null) {
            out.putObject("retry").put("attempts", rule.retry().attempts())
                    .put("codes", rule.retry().codes().toString());
            steps.add("retries: up to " + rule.retry().attempts() + " on " + rule.retry().codes());
        }
        steps.add("outcome: " + out.path("outcome").asText());
        out.set("steps", strings(steps));
        return out;
    }

    private static String outcome(RuleConfig rule) {
        if (rule.backends().isEmpty()) {
            return "500 Internal Server Error (the rule has no backend)";
        }
        if (rule.backends().stream().mapToInt(WeightedBackend::weight).sum() == 0) {
            return "500 Internal Server Error (every backend has weight 0)";
        }
        boolean anyUsable = rule.backends().stream()
                .anyMatch(b -> b.weight() > 0 && b.backend().isUsable() && !b.backend().endpoints().isEmpty());
        return anyUsable ? "forwarded to a backend" : "5xx (no usable backend: see backends[].problem)";
    }

    private static ObjectNode requestJson(TraceRequest request, GatewaySelection selection) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("gateway", selection.gatewayName());
        out.put("port", selection.port());
        out.put("scheme", request.scheme());
        out.put("host", request.host());
        out.put("method", request.method());
        out.put("path", request.pathOnly());
        if (request.rawQuery() != null) {
            out.put("query", request.rawQuery());
        }
        ObjectNode headers = out.putObject("headers");
        request.headers().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> headers.set(e.getKey(), strings(e.getValue())));
        return out;
    }

    private static ObjectNode listenerJson(ListenerConfig listener) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", listener.name());
        out.put("port", listener.port());
        out.put("protocol", listener.protocol().name());
        if (listener.hostname() == null) {
            out.putNull("hostname");
        } else {
            out.put("hostname", listener.hostname());
        }
        return out;
    }

    private static ObjectNode routeJson(RouteMatch match, MatchConfig matchConfig) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("namespace", match.route().namespace());
        out.put("name", match.route().name());
        out.put("rule", match.rule().index());
        if (match.rule().name() != null) {
            out.put("ruleName", match.rule().name());
        }
        out.put("matchIndex", match.matchIndex());
        out.put("match", describe(matchConfig));
        ResourceKey key = ApiKinds.HTTP_ROUTES.key(match.route().namespace(), match.route().name());
        out.putObject("links").put("self", ApiKinds.HTTP_ROUTES.path(key));
        return out;
    }

    /** E.g. {@code PathPrefix /timeout, method GET, header x-env Exact 'canary'}. */
    static String describe(MatchConfig match) {
        List<String> parts = new ArrayList<>();
        String type = switch (match.path().type()) {
            case EXACT -> "Exact";
            case PREFIX -> "PathPrefix";
            case REGEX -> "RegularExpression";
        };
        parts.add(type + " " + match.path().value());
        if (match.method() != null) {
            parts.add("method " + match.method());
        }
        for (HeaderMatch h : match.headers()) {
            parts.add("header " + h.name() + " " + (h.type().name().equals("EXACT") ? "Exact" : "RegularExpression")
                    + " '" + h.value() + "'");
        }
        for (QueryParamMatch q : match.queryParams()) {
            parts.add("query " + q.name() + " " + (q.type().name().equals("EXACT") ? "Exact" : "RegularExpression")
                    + " '" + q.value() + "'");
        }
        return String.join(", ", parts);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        values.forEach(out::add);
        return out;
    }
}
