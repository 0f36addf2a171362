package dev.portolan.api.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.portolan.graph.BackendView;
import dev.portolan.graph.RouteView;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.EffectivePolicy;
import dev.portolan.policy.EffectiveValue;
import dev.portolan.policy.ObjectPolicies;
import dev.portolan.policy.EffectiveRuleTimeouts;
import dev.portolan.policy.TimeoutPolicies;
import dev.portolan.policy.TimeoutSetting;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The TIMEOUTS column of the route, Gateway and backend lists, one line per value set: routes and backends show the
 * effective timeouts of their rules (what the translator gives the proxy), a Gateway the TimeoutPolicy values its
 * routes get unless a rule sets its own, each with where it comes from.
 */
final class ListTimeouts {
    private ListTimeouts() {
    }

    /**
     * E.g. {@code default/example-gateway: request 10s (rule), backendRequest 2s (rule)} or
     * {@code default/hello-world: request 30s (class-defaults at GatewayClass), backendRequest 5s (hello-world-cap
     * override at Gateway)}.
     */
    static ArrayNode ofRoute(List<EffectiveRuleTimeouts> rules) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        long perGateway = rules.stream().map(EffectiveRuleTimeouts::gateway).distinct().count();
        boolean severalRules = perGateway > 0 && rules.size() / perGateway > 1;
        for (EffectiveRuleTimeouts rule : rules) {
            out.add(rule.gateway() + (severalRules ? " rule " + rule.rule() : "") + ": " + describe(rule));
        }
        return out;
    }

    /** The route lines of every rule that sends traffic to the Service, prefixed with the route. */
    static ArrayNode ofBackend(ReadIndex index, ResourceKey service) {
        Set<String> lines = new LinkedHashSet<>();
        for (ResourceKey route : index.routesOfService(service)) {
            RouteView view = index.snapshot().computed().graph().routes().get(route);
            for (EffectiveRuleTimeouts rule : index.timeouts(route)) {
                boolean reaches = view == null || rule.rule() >= view.rules().size()
                        || view.rules().get(rule.rule()).backends().stream().map(BackendView::service)
                        .anyMatch(service::equals);
                if (reaches) {
                    lines.add(route.namespacedName() + " via " + rule.gateway() + ": " + describe(rule));
                }
            }
        }
        ArrayNode out = ReadJson.JSON.arrayNode();
        lines.forEach(out::add);
        return out;
    }

    /** E.g. {@code request 30s (class-defaults at GatewayClass)}. */
    static ArrayNode ofGateway(Optional<ObjectPolicies> policies) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        EffectivePolicy timeouts = policies.map(p -> p.effective().get(TimeoutPolicies.GROUP_KIND)).orElse(null);
        if (timeouts == null || !timeouts.merged().inheritable()) {
            return out;
        }
        for (String field : List.of(TimeoutPolicies.REQUEST, TimeoutPolicies.BACKEND_REQUEST)) {
            EffectiveValue value = timeouts.values().get(field);
            if (value != null) {
                out.add(field + " " + (value.value().isTextual() ? value.value().asText() : value.value())
                        + " (" + value.policy().name() + (value.override() ? " override" : "")
                        + (value.level() == null ? "" : " at " + value.level().displayName()) + ")");
            }
        }
        return out;
    }

    private static String describe(EffectiveRuleTimeouts rule) {
        List<String> parts = new ArrayList<>();
        rule.request().ifPresent(s -> parts.add(describe(s)));
        rule.backendRequest().ifPresent(s -> parts.add(describe(s)));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String describe(TimeoutSetting setting) {
        String value = !setting.valid() ? setting.value() + " invalid, not applied"
                : setting.disabled() ? "off (0s)" : setting.value();
        String from = setting.origin().fromRule() ? "rule"
                : setting.origin().object().name() + (setting.origin().override() ? " override" : "") + " at "
                + setting.origin().level().displayName();
        return setting.field() + " " + value + " (" + from + ")";
    }
}
