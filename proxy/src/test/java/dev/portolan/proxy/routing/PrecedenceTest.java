package dev.portolan.proxy.routing;

import static dev.portolan.proxy.routing.Fixtures.exact;
import static dev.portolan.proxy.routing.Fixtures.get;
import static dev.portolan.proxy.routing.Fixtures.headers;
import static dev.portolan.proxy.routing.Fixtures.method;
import static dev.portolan.proxy.routing.Fixtures.prefix;
import static dev.portolan.proxy.routing.Fixtures.query;
import static dev.portolan.proxy.routing.Fixtures.regex;
import static dev.portolan.proxy.routing.Fixtures.request;
import static dev.portolan.proxy.routing.Fixtures.route;
import static dev.portolan.proxy.routing.Fixtures.rule;
import static dev.portolan.proxy.routing.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.QueryParamMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each Gateway API tie-break on its own; routes are listed in the "wrong" order so sorting must do the work. */
class PrecedenceTest {

    @Test
    void exactPathBeatsPrefixOfSameLength() {
        RouteTable t = table(route("a/prefix", rule(0, prefix("/foo"))), route("z/exact", rule(0, exact("/foo"))));
        assertEquals("z/exact rule 0 match 0", get(t, "example.com", "/foo"));
        assertEquals("a/prefix rule 0 match 0", get(t, "example.com", "/foo/bar"));
    }

    @Test
    void longerPrefixBeatsShorter() {
        RouteTable t = table(route("a/short", rule(0, prefix("/"))), route("b/mid", rule(0, prefix("/api"))),
                route("c/long", rule(0, prefix("/api/v1/"))));
        assertEquals("c/long rule 0 match 0", get(t, "example.com", "/api/v1/users"));
        assertEquals("b/mid rule 0 match 0", get(t, "example.com", "/api/v2"));
        assertEquals("a/short rule 0 match 0", get(t, "example.com", "/other"));
    }

    @Test
    void prefixBeatsRegularExpression() {
        RouteTable t = table(route("a/regex", rule(0, regex("/foo/.*"))), route("b/prefix", rule(0, prefix("/"))));
        assertEquals("b/prefix rule 0 match 0", get(t, "example.com", "/foo/bar"));
    }

    @Test
    void regularExpressionIsUsedWhenNoExactOrPrefixMatches() {
        RouteTable t = table(route("a/regex", rule(0, regex("/items/[0-9]+"))), route("b/p", rule(0, prefix("/x"))));
        assertEquals("a/regex rule 0 match 0", get(t, "example.com", "/items/42"));
        assertEquals("none", get(t, "example.com", "/items/abc"));
    }

    @Test
    void methodMatchBeatsMoreHeaderMatches() {
        RouteTable t = table(
                route("a/headers", rule(0, headers(prefix("/"), HeaderMatch.exact("x-a", "1"),
                        HeaderMatch.exact("x-b", "2")))),
                route("b/method", rule(0, method(prefix("/"), "GET"))));
        assertEquals("b/method rule 0 match 0",
                request(t, "GET", "/", Map.of("X-A", List.of("1"), "X-B", List.of("2")), null));
        assertEquals("a/headers rule 0 match 0",
                request(t, "POST", "/", Map.of("X-A", List.of("1"), "X-B", List.of("2")), null));
    }

    @Test
    void moreHeaderMatchesWin() {
        RouteTable t = table(
                route("a/one", rule(0, headers(prefix("/"), HeaderMatch.exact("x-a", "1")))),
                route("b/two", rule(0, headers(prefix("/"), HeaderMatch.exact("x-a", "1"),
                        HeaderMatch.exact("x-b", "2")))));
        assertEquals("b/two rule 0 match 0",
                request(t, "GET", "/", Map.of("x-a", List.of("1"), "x-b", List.of("2")), null));
        assertEquals("a/one rule 0 match 0", request(t, "GET", "/", Map.of("x-a", List.of("1")), null));
    }

    @Test
    void headerMatchesBeatQueryParamMatches() {
        RouteTable t = table(
                route("a/query", rule(0, query(prefix("/"), QueryParamMatch.exact("q", "1"),
                        QueryParamMatch.exact("r", "2")))),
                route("b/header", rule(0, headers(prefix("/"), HeaderMatch.exact("x-a", "1")))));
        assertEquals("b/header rule 0 match 0", request(t, "GET", "/", Map.of("x-a", List.of("1")), "q=1&r=2"));
    }

    @Test
    void moreQueryParamMatchesWin() {
        RouteTable t = table(
                route("a/one", rule(0, query(prefix("/"), QueryParamMatch.exact("q", "1")))),
                route("b/two", rule(0, query(prefix("/"), QueryParamMatch.exact("q", "1"),
                        QueryParamMatch.exact("r", "2")))));
        assertEquals("b/two rule 0 match 0", request(t, "GET", "/", Map.of(), "q=1&r=2"));
        assertEquals("a/one rule 0 match 0", request(t, "GET", "/", Map.of(), "q=1&r=3"));
    }

    @Test
    void oldestRouteWinsTies() {
        RouteTable t = table(route("a/newer", 100, List.of(), rule(0, prefix("/"))),
                route("z/older", 10, List.of(), rule(0, prefix("/"))));
        assertEquals("z/older rule 0 match 0", get(t, "example.com", "/x"));
    }

    @Test
    void namespaceThenNameAlphabeticalWhenSameAge() {
        RouteTable t = table(route("b/a", rule(0, prefix("/"))), route("a/z", rule(0, prefix("/"))),
                route("a/y", rule(0, prefix("/"))));
        assertEquals("a/y rule 0 match 0", get(t, "example.com", "/x"));
    }

    @Test
    void firstRuleWithinRouteWins() {
        RouteTable t = table(route("a/r", rule(0, prefix("/")), rule(1, prefix("/"))));
        assertEquals("a/r rule 0 match 0", get(t, "example.com", "/x"));
    }

    @Test
    void firstMatchWithinRuleWins() {
        RouteTable t = table(route("a/r", rule(0, prefix("/"), prefix("/"))));
        assertEquals("a/r rule 0 match 0", get(t, "example.com", "/x"));
    }

    @Test
    void precedenceComesBeforeRouteAgeAndRuleOrder() {
        // The older route and the earlier rule lose to the more specific path of a later rule of a newer route.
        RouteTable t = table(route("a/old", 0, List.of(), rule(0, prefix("/"))),
                route("b/new", 50, List.of(), rule(0, prefix("/x")), rule(1, exact("/x/y"))));
        assertEquals("b/new rule 1 match 0", get(t, "example.com", "/x/y"));
    }

    @Test
    void failedConditionsFallThroughToTheNextCandidate() {
        RouteTable t = table(
                route("a/canary", rule(0, headers(exact("/app"), HeaderMatch.exact("x-canary", "true")))),
                route("b/stable", rule(0, exact("/app"))),
                route("c/fallback", rule(0, prefix("/"))));
        assertEquals("a/canary rule 0 match 0",
                request(t, "GET", "/app", Map.of("x-canary", List.of("true")), null));
        assertEquals("b/stable rule 0 match 0", request(t, "GET", "/app", Map.of(), null));
        assertEquals("c/fallback rule 0 match 0", request(t, "GET", "/app/", Map.of(), null));
    }

    @Test
    void ruleWithoutMatchesMatchesEverything() {
        RouteTable t = table(route("a/all", rule(0)));
        assertEquals("a/all rule 0 match 0", get(t, "example.com", "/anything/at/all"));
    }
}
