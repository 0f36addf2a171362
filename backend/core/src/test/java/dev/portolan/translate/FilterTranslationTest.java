package dev.portolan.translate;

import static dev.portolan.translate.TranslateFixtures.route;
import static dev.portolan.translate.TranslateFixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.FilterConfig;
import dev.portolan.proxy.config.HeaderValue;
import dev.portolan.proxy.config.PathModifier;
import dev.portolan.proxy.config.RuleConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterTranslationTest {

    @Test
    void headerModifiersRedirectAndRewrite() {
        Translation t = route("""
                - filters:
                  - type: RequestHeaderModifier
                    requestHeaderModifier: {set: [{name: X-A, value: "1"}], add: [{name: X-B, value: "2"}], remove: [X-C]}
                  - type: ResponseHeaderModifier
                    responseHeaderModifier: {set: [{name: X-D, value: "3"}]}
                  - type: URLRewrite
                    urlRewrite: {hostname: internal.example, path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}
                  backendRefs: [{name: web, port: 8080}]
                - filters:
                  - type: RequestRedirect
                    requestRedirect: {scheme: https, port: 8443, path: {type: ReplaceFullPath, replaceFullPath: /new}}
                """);
        List<FilterConfig> filters = rule(t, 0).filters();
        assertEquals(new FilterConfig.RequestHeaderModifier(List.of(new HeaderValue("X-A", "1")),
                List.of(new HeaderValue("X-B", "2")), List.of("X-C")), filters.get(0));
        assertEquals(new FilterConfig.ResponseHeaderModifier(List.of(new HeaderValue("X-D", "3")), List.of(),
                List.of()), filters.get(1));
        assertEquals(new FilterConfig.UrlRewrite("internal.example", new PathModifier(PathModifier.Type.PREFIX, "/v2")),
                filters.get(2));
        assertEquals(List.of(new FilterConfig.RequestRedirect("https", null,
                new PathModifier(PathModifier.Type.FULL, "/new"), 8443, 302)), rule(t, 1).filters());
        assertEquals(List.of(), t.problems());
    }

    @Test
    void mirrorsUseTheirResolvedBackendAndFraction() {
        Translation t = route("""
                - filters:
                  - type: RequestMirror
                    requestMirror: {backendRef: {name: web, port: 8080}, percent: 25}
                  - type: RequestMirror
                    requestMirror: {backendRef: {name: missing, port: 80}, fraction: {numerator: 1, denominator: 3}}
                  - type: RequestMirror
                    requestMirror: {backendRef: {name: web, port: 8080}}
                  backendRefs: [{name: web, port: 8080}]
                """);
        List<FilterConfig> filters = rule(t, 0).filters();
        FilterConfig.RequestMirror first = (FilterConfig.RequestMirror) filters.get(0);
        assertEquals("default/web:8080", first.backend().name());
        assertEquals(List.of(25, 100), List.of(first.numerator(), first.denominator()));
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), first.backend().endpoints().stream().map(e -> e.host()).toList());
        FilterConfig.RequestMirror second = (FilterConfig.RequestMirror) filters.get(1);
        assertEquals("default/missing:80", second.backend().name());
        assertTrue(second.backend().problem().startsWith("BackendNotFound"), second.backend().problem());
        assertEquals(List.of(1, 3), List.of(second.numerator(), second.denominator()));
        FilterConfig.RequestMirror third = (FilterConfig.RequestMirror) filters.get(2);
        assertEquals(List.of(1, 1), List.of(third.numerator(), third.denominator()));
    }

    @Test
    void corsDefaultsMaxAgeAsTheCrdDoes() {
        Translation t = route("""
                - filters:
                  - type: CORS
                    cors: {allowOrigins: ["https://a.example"], allowMethods: [GET], allowCredentials: true}
                  backendRefs: [{name: web, port: 8080}]
                """);
        assertEquals(List.of(new FilterConfig.Cors(List.of("https://a.example"), List.of("GET"), List.of(), List.of(),
                true, FilterTranslator.DEFAULT_CORS_MAX_AGE)), rule(t, 0).filters());
    }

    @Test
    void backendRefFiltersStayOnTheirBackend() {
        Translation t = route("""
                - backendRefs:
                  - name: web
                    port: 8080
                    filters:
                    - type: RequestHeaderModifier
                      requestHeaderModifier: {add: [{name: X-Backend, value: web}]}
                  - {name: web, port: 8080}
                """);
        RuleConfig rule = rule(t, 0);
        assertEquals(List.of(), rule.filters());
        assertEquals(List.of(new FilterConfig.RequestHeaderModifier(List.of(),
                List.of(new HeaderValue("X-Backend", "web")), List.of())), rule.backends().get(0).filters());
        assertEquals(List.of(), rule.backends().get(1).filters());
    }

    @Test
    void unsupportedFilterLeavesTheRuleWithoutBackendsSoTheProxyAnswers500() {
        Translation t = route("""
                - filters:
                  - type: ExtensionRef
                    extensionRef: {group: example.com, kind: Magic, name: m}
                  backendRefs: [{name: web, port: 8080}]
                """);
        RuleConfig rule = rule(t, 0);
        assertEquals(List.of(), rule.backends());
        assertEquals(List.of(), rule.filters());
        assertEquals(1, t.problems().size(), t.problems().toString());
        assertEquals("spec.rules[0].filters[0]", t.problems().get(0).field());
        assertTrue(t.problems().get(0).message().contains("ExtensionRef is not supported"));
    }
}
