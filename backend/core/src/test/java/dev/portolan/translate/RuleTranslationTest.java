package dev.portolan.translate;

import static dev.portolan.translate.TranslateFixtures.listener;
import static dev.portolan.translate.TranslateFixtures.onlyRoute;
import static dev.portolan.translate.TranslateFixtures.route;
import static dev.portolan.translate.TranslateFixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.QueryParamMatch;
import dev.portolan.proxy.config.RetryConfig;
import dev.portolan.proxy.config.RuleConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTranslationTest {

    @Test
    void ruleWithoutMatchesMatchesEverythingAndRouteKeepsItsTimestamp() {
        Translation t = route("- backendRefs: [{name: web, port: 8080}]");
        assertEquals(List.of(MatchConfig.any()), rule(t, 0).matches());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), onlyRoute(t).creationTimestamp());
        assertEquals(List.of(), onlyRoute(t).hostnames());
        assertEquals(List.of(), t.problems());
    }

    @Test
    void pathHeaderQueryAndMethodMatches() {
        Translation t = route("""
                - matches:
                  - path: {type: Exact, value: /exact}
                    method: POST
                  - path: {type: RegularExpression, value: "/v[0-9]+/.*"}
                    headers: [{name: X-Env, value: canary}, {type: RegularExpression, name: X-Id, value: "a.*"}]
                    queryParams: [{name: debug, value: "1"}]
                  - path: {value: /prefix}
                  backendRefs: [{name: web, port: 8080}]
                """);
        List<MatchConfig> matches = rule(t, 0).matches();
        assertEquals(new MatchConfig(PathMatch.exact("/exact"), List.of(), List.of(), "POST"), matches.get(0));
        assertEquals(new MatchConfig(PathMatch.regex("/v[0-9]+/.*"),
                List.of(HeaderMatch.exact("X-Env", "canary"), HeaderMatch.regex("X-Id", "a.*")),
                List.of(QueryParamMatch.exact("debug", "1")), null), matches.get(1));
        assertEquals(PathMatch.prefix("/prefix"), matches.get(2).path());
    }

    @Test
    void aRouteWithARegexRe2CannotCompileIsNotPublished() {
        // the graph marks it Accepted=False (UnsupportedValue, naming the field; see GraphBuilderTest), so the
        // proxy never sees it and keeps serving the other routes
        Translation t = route("""
                - matches: [{path: {type: RegularExpression, value: "/(unclosed"}}, {path: {value: /ok}}]
                  backendRefs: [{name: web, port: 8080}]
                - matches: [{path: {type: RegularExpression, value: "/(a)\\\\1"}}]
                  backendRefs: [{name: web, port: 8080}]
                """);
        assertEquals(List.of(), listener(t, "gw", "http").routes());
    }

    @Test
    void weightsDefaultToOneAndZeroStaysConfigured() {
        Translation t = route("""
                - backendRefs:
                  - {name: web, port: 8080}
                  - {name: web, port: 8080, weight: 0}
                  - {name: web, port: 8080, weight: 3}
                """);
        assertEquals(List.of(1, 0, 3), rule(t, 0).backends().stream().map(b -> b.weight()).toList());
    }

    @Test
    void retryCodesAttemptsAndBackoff() {
        Translation t = route("""
                - name: retried
                  retry: {codes: [503, 500], attempts: 3, backoff: 100ms}
                  backendRefs: [{name: web, port: 8080}]
                - retry: {codes: [502]}
                  backendRefs: [{name: web, port: 8080}]
                - backendRefs: [{name: web, port: 8080}]
                """);
        RuleConfig first = rule(t, 0);
        assertEquals("retried", first.name());
        assertEquals(new RetryConfig(List.of(500, 503), 3, Duration.ofMillis(100)), first.retry());
        assertEquals(new RetryConfig(List.of(502), RuleTranslator.DEFAULT_RETRY_ATTEMPTS, null), rule(t, 1).retry());
        assertNull(rule(t, 2).retry());
    }
}
