package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chain behind one effective timeout of one route rule under one parent Gateway: the rule's own value, every
 * TimeoutPolicy default by level (GatewayClass → Namespace → Gateway → HTTPRoute), then every override by level,
 * each marked winner or loser with the reason. The winner is the value {@link EffectiveTimeouts} chose (what the
 * translator hands the proxy), so the chain explains that decision and never makes a second one. Pure.
 */
public final class TimeoutChains {
    private TimeoutChains() {
    }

    /** A level of the hierarchy and the object at it. */
    private record Rung(PolicyLevel level, ResourceKey target) {
    }

    /**
     * @param effective the rule's effective timeouts under {@code gateway} (from the policy report)
     * @param field     {@code request} or {@code backendRequest}
     */
    public static List<ChainStep> forField(ResourceSet resources, EffectiveRuleTimeouts effective, String field) {
        Optional<HTTPRoute> route = resources.get(effective.route(), HTTPRoute.class);
        String[] gatewayName = effective.gateway().split("/", 2);
        ResourceKey gatewayKey = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, gatewayName[0],
                gatewayName.length > 1 ? gatewayName[1] : "");
        Optional<Gateway> gateway = resources.get(gatewayKey, Gateway.class);
        if (route.isEmpty() || gateway.isEmpty()) {
            return List.of();
        }
        Optional<TimeoutSetting> winner = TimeoutPolicies.REQUEST.equals(field) ? effective.request()
                : effective.backendRequest();
        List<ChainStep> steps = new ArrayList<>();
        String ruleValue = ruleValue(route.get(), effective.rule(), field);
        if (ruleValue != null) {
            steps.add(new ChainStep(ChainStep.RULE, "Rule", effective.route(), null,
                    "spec.rules[" + effective.rule() + "].timeouts." + field, ruleValue, false, ""));
        }
        List<Rung> rungs = rungs(gateway.get(), gatewayKey, effective.route());
        List<Policy> policies = timeoutPolicies(resources);
        for (String section : List.of(MergedPolicy.DEFAULT, MergedPolicy.OVERRIDE)) {
            for (Rung rung : rungs) {
                policies.stream()
                        .filter(p -> p.targets().stream().anyMatch(t -> t.key().equals(rung.target())))
                        .sorted((a, b) -> PolicyMerger.PRECEDENCE.compare(
                                MergedPolicy.of(a, rung.level(), rung.target()),
                                MergedPolicy.of(b, rung.level(), rung.target())))
                        .forEach(p -> {
                            JsonNode value = p.manifest().path("spec").path(section).path(field);
                            if (!value.isMissingNode() && !value.isNull()) {
                                steps.add(new ChainStep(section, rung.level().displayName(), p.key(), rung.target(),
                                        "spec." + section + "." + field,
                                        value.isTextual() ? value.asText() : value.toString(), false, ""));
                            }
                        });
            }
        }
        return decide(steps, winner.map(TimeoutSetting::origin).orElse(null), field);
    }

    /** Marks the step the origin names as winner and gives every step its reason. */
    static List<ChainStep> decide(List<ChainStep> steps, TimeoutOrigin origin, String field) {
        ChainStep won = origin == null ? null : steps.stream().filter(s -> matches(s, origin)).findFirst()
                .orElse(null);
        List<ChainStep> out = new ArrayList<>();
        for (ChainStep step : steps) {
            boolean isWinner = step == won;
            out.add(new ChainStep(step.source(), step.level(), step.object(), step.target(), step.field(),
                    step.value(), isWinner, isWinner ? whyWon(step, steps) : whyLost(step, won, steps)));
        }
        return out;
    }

    private static boolean matches(ChainStep step, TimeoutOrigin origin) {
        if (origin.fromRule()) {
            return step.source().equals(ChainStep.RULE);
        }
        return !step.source().equals(ChainStep.RULE) && step.object().equals(origin.object())
                && step.field().equals(origin.field())
                && step.level().equals(origin.level().displayName())
                && (origin.target() == null || origin.target().equals(step.target()));
    }

    private static String whyWon(ChainStep step, List<ChainStep> steps) {
        return switch (step.source()) {
            case ChainStep.OVERRIDE -> {
                long overrides = steps.stream().filter(s -> s.source().equals(ChainStep.OVERRIDE)).count();
                yield "an override beats the rule's own value and every default"
                        + (overrides > 1 ? "; where several overrides set it, the one attached highest in the"
                        + " hierarchy wins" : "");
            }
            case ChainStep.RULE -> "the rule's own value is the most specific default: it beats every policy"
                    + " default, and no override sets this field";
            default -> "the rule sets no value and no override applies: the most specific default wins";
        };
    }

    private static String whyLost(ChainStep step, ChainStep won, List<ChainStep> steps) {
        if (won == null) {
            return "not applied";
        }
        String winner = won.source().equals(ChainStep.RULE) ? "the rule's own value"
                : won.source() + " of " + won.object().kind() + " " + won.object().namespacedName() + " at "
                + won.level() + " " + won.target().namespacedName();
        if (won.source().equals(ChainStep.OVERRIDE) && !step.source().equals(ChainStep.OVERRIDE)) {
            return "overridden by the " + winner;
        }
        if (won.source().equals(ChainStep.RULE)) {
            return "the rule's own value beats every policy default";
        }
        if (won.level().equals(step.level()) && won.target().equals(step.target())) {
            return "several policies on one level set it; the " + winner + " wins in gwctl's merge order"
                    + " (creationTimestamp, then namespace/name)";
        }
        return step.source().equals(ChainStep.OVERRIDE) ? "an override attached higher wins: the " + winner
                : "a more specific default wins: the " + winner;
    }

    /** GatewayClass, the Gateway's Namespace, the Gateway, the route's Namespace, the route: as the engine merges. */
    private static List<Rung> rungs(Gateway gateway, ResourceKey gatewayKey, ResourceKey route) {
        List<Rung> rungs = new ArrayList<>();
        String className = gateway.getSpec() == null ? null : gateway.getSpec().getGatewayClassName();
        if (className != null) {
            rungs.add(new Rung(PolicyLevel.GATEWAY_CLASS, PolicyHierarchy.gatewayClassKey(className)));
        }
        rungs.add(new Rung(PolicyLevel.NAMESPACE, PolicyHierarchy.namespaceKey(gatewayKey.namespace())));
        rungs.add(new Rung(PolicyLevel.GATEWAY, gatewayKey));
        if (!route.namespace().equals(gatewayKey.namespace())) {
            rungs.add(new Rung(PolicyLevel.NAMESPACE, PolicyHierarchy.namespaceKey(route.namespace())));
        }
        rungs.add(new Rung(PolicyLevel.HTTP_ROUTE, route));
        return rungs;
    }

    /** TimeoutPolicies whose kind is inheritable: only those reach route rules (see {@link EffectiveTimeouts}). */
    private static List<Policy> timeoutPolicies(ResourceSet resources) {
        return PolicyDiscovery.policies(resources, PolicyDiscovery.policyCrds(resources)).stream()
                .filter(p -> p.groupKind().equals(TimeoutPolicies.GROUP_KIND) && p.inheritable())
                .toList();
    }

    private static String ruleValue(HTTPRoute route, int rule, String field) {
        List<HTTPRouteRule> rules = route.getSpec() == null ? null : route.getSpec().getRules();
        if (rules == null || rule >= rules.size() || rules.get(rule) == null) {
            return null;
        }
        HTTPRouteTimeouts timeouts = rules.get(rule).getTimeouts();
        if (timeouts == null) {
            return null;
        }
        return TimeoutPolicies.REQUEST.equals(field) ? timeouts.getRequest() : timeouts.getBackendRequest();
    }
}
