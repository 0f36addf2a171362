package dev.portolan.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chain behind each enforced timeout: every candidate in order (rule, defaults by level, overrides by level),
 * exactly one winner, and the winner is the value {@link EffectiveTimeouts} gives the proxy. Each case is a golden
 * rendering of the chain, one line per step: {@code mark source level target value: reason}.
 */
class TimeoutChainsTest {
    private static final ResourceKey ROUTE = ResourceKey.of(ApiGroups.GATEWAY, "HTTPRoute", "apps", "web");
    private static final String TOPOLOGY = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: apps}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: portolan}
            spec: {controllerName: portolan.dev/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra}
            spec:
              gatewayClassName: portolan
              listeners: [{name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}]
            ---
            """;

    private static String route(String timeouts) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: apps}
                spec:
                  parentRefs: [{name: gw, namespace: infra}]
                  rules:
                  - backendRefs: [{name: web, port: 8080}]
                %s
                ---
                """.formatted(timeouts.indent(4).stripTrailing());
    }

    private static String policy(String name, String namespace, String created, String targetKind, String target,
                                 String body) {
        String group = targetKind.equals("Namespace") ? "\"\"" : ApiGroups.GATEWAY;
        return """
                apiVersion: gateway.portolan.dev/v1alpha1
                kind: TimeoutPolicy
                metadata: {name: %s, namespace: %s, creationTimestamp: "%s"}
                spec:
                  targetRef: {group: %s, kind: %s, name: %s}
                %s
                ---
                """.formatted(name, namespace, created, group, targetKind, target, body.indent(2).stripTrailing());
    }

    /** The chain of one field, one line per step, after checking it agrees with the effective value. */
    private static String chain(String documents, String field) {
        ResourceSet resources = PolicyFixtures.withTimeoutCrd(TOPOLOGY + documents);
        EffectiveRuleTimeouts effective = PolicyEngine.compute(resources, PolicyOptions.defaults())
                .timeouts(ROUTE, "infra/gw", 0).orElseThrow();
        List<ChainStep> steps = TimeoutChains.forField(resources, effective, field);
        var setting = field.equals("request") ? effective.request() : effective.backendRequest();
        List<ChainStep> winners = steps.stream().filter(ChainStep::winner).toList();
        assertEquals(setting.isPresent() ? 1 : 0, winners.size(), "one winner exactly when a value applies: " + steps);
        setting.ifPresent(s -> assertEquals(s.value(), winners.get(0).value(), "the winner is the effective value"));
        return steps.stream().map(s -> (s.winner() ? "+ " : "- ") + s.source() + " " + s.level()
                        + (s.target() == null ? "" : " " + s.target().namespacedName()) + " " + s.value() + ": "
                        + s.reason())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void theRuleValueBeatsEveryDefault() {
        String documents = route("timeouts: {request: 10s}")
                + policy("class", "infra", "2026-01-01T00:00:00Z", "GatewayClass", "portolan",
                "default: {request: 30s, backendRequest: 15s}");
        assertEquals("""
                + rule Rule 10s: the rule's own value is the most specific default: it beats every policy default,\
                 and no override sets this field
                - default GatewayClass portolan 30s: the rule's own value beats every policy default""",
                chain(documents, "request"));
        assertEquals("""
                + default GatewayClass portolan 15s: the rule sets no value and no override applies: the most\
                 specific default wins""", chain(documents, "backendRequest"));
    }

    @Test
    void anOverrideBeatsTheRuleAndTheDefaults() {
        String documents = route("timeouts: {backendRequest: 8s}")
                + policy("class", "infra", "2026-01-01T00:00:00Z", "GatewayClass", "portolan",
                "default: {backendRequest: 15s}")
                + policy("cap", "infra", "2026-01-01T00:00:00Z", "Gateway", "gw", "override: {backendRequest: 5s}");
        assertEquals("""
                - rule Rule 8s: overridden by the override of TimeoutPolicy infra/cap at Gateway infra/gw
                - default GatewayClass portolan 15s: overridden by the override of TimeoutPolicy infra/cap at Gateway\
                 infra/gw
                + override Gateway infra/gw 5s: an override beats the rule's own value and every default""",
                chain(documents, "backendRequest"));
    }

    @Test
    void withoutARuleValueTheMostSpecificDefaultWinsDownToTheRoutesNamespace() {
        String documents = route("")
                + policy("class", "infra", "2026-01-01T00:00:00Z", "GatewayClass", "portolan", "default: {request: 30s}")
                + policy("gateway", "infra", "2026-01-01T00:00:00Z", "Gateway", "gw", "default: {request: 20s}")
                + policy("team", "apps", "2026-01-01T00:00:00Z", "Namespace", "apps", "default: {request: 12s}");
        assertEquals("""
                - default GatewayClass portolan 30s: a more specific default wins: the default of TimeoutPolicy\
                 apps/team at Namespace apps
                - default Gateway infra/gw 20s: a more specific default wins: the default of TimeoutPolicy apps/team\
                 at Namespace apps
                + default Namespace apps 12s: the rule sets no value and no override applies: the most specific\
                 default wins""", chain(documents, "request"));
    }

    @Test
    void ofTwoOverridesTheOneAttachedHighestWins() {
        String documents = route("timeouts: {request: 10s}")
                + policy("class-cap", "infra", "2026-01-01T00:00:00Z", "GatewayClass", "portolan",
                "override: {request: 60s}")
                + policy("route-cap", "apps", "2026-01-01T00:00:00Z", "HTTPRoute", "web", "override: {request: 3s}");
        assertEquals("""
                - rule Rule 10s: overridden by the override of TimeoutPolicy infra/class-cap at GatewayClass portolan
                + override GatewayClass portolan 60s: an override beats the rule's own value and every default;\
                 where several overrides set it, the one attached highest in the hierarchy wins
                - override HTTPRoute apps/web 3s: an override attached higher wins: the override of TimeoutPolicy\
                 infra/class-cap at GatewayClass portolan""", chain(documents, "request"));
    }

    @Test
    void twoDefaultsOnOneTargetAreDecidedByTheMergeOrder() {
        String documents = route("")
                + policy("older", "infra", "2026-01-01T00:00:00Z", "Gateway", "gw", "default: {request: 20s}")
                + policy("newer", "infra", "2026-03-01T00:00:00Z", "Gateway", "gw", "default: {request: 40s}");
        assertEquals("""
                + default Gateway infra/gw 20s: the rule sets no value and no override applies: the most specific\
                 default wins
                - default Gateway infra/gw 40s: several policies on one level set it; the default of TimeoutPolicy\
                 infra/older at Gateway infra/gw wins in gwctl's merge order (creationTimestamp, then\
                 namespace/name)""", chain(documents, "request"));
    }

    @Test
    void nothingSetItNoChainAndNoWinner() {
        assertEquals("", chain(route(""), "backendRequest"));
    }
}
