package dev.portolan.translate;

import static dev.portolan.translate.TranslateFixtures.BASE;
import static dev.portolan.translate.TranslateFixtures.route;
import static dev.portolan.translate.TranslateFixtures.rule;
import static dev.portolan.translate.TranslateFixtures.translate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portolan.proxy.config.TimeoutsConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutTranslationTest {

    @Test
    void ruleTimeoutsAreUsedAndZeroMeansNone() {
        Translation t = route("""
                - timeouts: {request: 10s, backendRequest: 2s}
                  backendRefs: [{name: web, port: 8080}]
                - timeouts: {request: 0s}
                  backendRefs: [{name: web, port: 8080}]
                - backendRefs: [{name: web, port: 8080}]
                """);
        assertEquals(new TimeoutsConfig(Duration.ofSeconds(10), Duration.ofSeconds(2)), rule(t, 0).timeouts());
        assertNull(rule(t, 1).timeouts());
        assertNull(rule(t, 2).timeouts());
    }

    @Test
    void timeoutPolicyOverrideWinsOverTheRuleAndDefaultsFillGaps() {
        Translation t = translate(BASE + """
                ---
                apiVersion: gateway.portolan.dev/v1alpha1
                kind: TimeoutPolicy
                metadata: {name: cap, namespace: default, creationTimestamp: "2026-01-01T00:00:00Z"}
                spec:
                  targetRef: {group: gateway.networking.k8s.io, kind: Gateway, name: gw}
                  default: {request: 30s}
                  override: {backendRequest: 1s}
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: default}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - timeouts: {request: 10s, backendRequest: 5s}
                    backendRefs: [{name: web, port: 8080}]
                  - backendRefs: [{name: web, port: 8080}]
                """);
        assertEquals(new TimeoutsConfig(Duration.ofSeconds(10), Duration.ofSeconds(1)), rule(t, 0).timeouts());
        assertEquals(new TimeoutsConfig(Duration.ofSeconds(30), Duration.ofSeconds(1)), rule(t, 1).timeouts());
    }
}
