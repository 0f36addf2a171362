package dev.portolan.proxy.routing;

import static dev.portolan.proxy.routing.Fixtures.exact;
import static dev.portolan.proxy.routing.Fixtures.headers;
import static dev.portolan.proxy.routing.Fixtures.listener;
import static dev.portolan.proxy.routing.Fixtures.method;
import static dev.portolan.proxy.routing.Fixtures.prefix;
import static dev.portolan.proxy.routing.Fixtures.query;
import static dev.portolan.proxy.routing.Fixtures.route;
import static dev.portolan.proxy.routing.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.QueryParamMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainTest {
    private final RouteTable table = RouteTable.compile(List.of(listener("http", "*.example.com",
            route("shop/api", 0, List.of("api.example.com"),
                    rule(0, method(headers(exact("/orders"), HeaderMatch.exact("x-tenant", "blue")), "POST")),
                    rule(1, query(prefix("/search"), QueryParamMatch.regex("q", "[a-z]+")))),
            route("shop/other", 0, List.of("www.example.com"), rule(0, prefix("/"))))));

    @Test
    void listsEveryFailedConditionOfTheClosestRules() {
        Explanation e = table.explain(RouteRequest.of("api.example.com", "GET", "/orders",
                Map.of("X-Tenant", List.of("red")), "q=1"), 10);
        assertEquals("http", e.listener());
        assertEquals("api.example.com", e.virtualHost());
        assertTrue(e.match().isEmpty());
        assertEquals(List.of(
                new RuleMiss("shop/api", 0, 0, List.of("method GET is not POST",
                        "header 'x-tenant' is 'red', not Exact 'blue'")),
                new RuleMiss("shop/api", 1, 0, List.of("path '/orders' does not match PathPrefix '/search'",
                        "query param 'q' is '1', not RegularExpression '[a-z]+'"))),
                e.misses());
    }

    @Test
    void reportsMissingHeadersAndQueryParams() {
        Explanation e = table.explain(RouteRequest.of("api.example.com", "POST", "/search/x", Map.of(), null), 1);
        assertEquals(List.of(new RuleMiss("shop/api", 1, 0,
                List.of("query param 'q' is missing (wanted RegularExpression '[a-z]+')"))), e.misses());
        e = table.explain(RouteRequest.of("api.example.com", "POST", "/orders", Map.of(), null), 1);
        assertEquals(List.of("header 'x-tenant' is missing (wanted Exact 'blue')"), e.misses().get(0).reasons());
    }

    @Test
    void includesTheWinnerAndTheRulesItBeat() {
        Explanation e = table.explain(RouteRequest.of("api.example.com", "GET", "/search", Map.of(), "q=abc"), 5);
        assertEquals("shop/api", e.match().orElseThrow().route().key());
        assertEquals(1, e.match().orElseThrow().rule().index());
        assertEquals(1, e.misses().size());
        assertEquals(0, e.misses().get(0).ruleIndex());
    }

    @Test
    void explainsHostProblems() {
        Explanation noListener = table.explain(RouteRequest.of("example.org", "GET", "/", Map.of(), null), 5);
        assertNull(noListener.listener());
        assertEquals("no listener on this port accepts host 'example.org'", noListener.hostProblem());
        Explanation noRoute = table.explain(RouteRequest.of("x.example.com", "GET", "/", Map.of(), null), 5);
        assertEquals("http", noRoute.listener());
        assertEquals("no route of listener http accepts host 'x.example.com'", noRoute.hostProblem());
    }
}
