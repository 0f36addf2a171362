package dev.portolan.proxy.routing;

import static dev.portolan.proxy.routing.Fixtures.headers;
import static dev.portolan.proxy.routing.Fixtures.method;
import static dev.portolan.proxy.routing.Fixtures.prefix;
import static dev.portolan.proxy.routing.Fixtures.query;
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

class ConditionsTest {

    @Test
    void headerNamesAreCaseInsensitiveValuesAreNot() {
        RouteTable t = table(route("a/h", rule(0, headers(prefix("/"), HeaderMatch.exact("X-Env", "Canary")))));
        assertEquals("a/h rule 0 match 0", request(t, "GET", "/", Map.of("x-env", List.of("Canary")), null));
        assertEquals("none", request(t, "GET", "/", Map.of("X-ENV", List.of("canary")), null));
    }

    @Test
    void headerRegexIsAFullMatch() {
        RouteTable t = table(route("a/h", rule(0, headers(prefix("/"), HeaderMatch.regex("x-version", "v[0-9]+")))));
        assertEquals("a/h rule 0 match 0", request(t, "GET", "/", Map.of("x-version", List.of("v12")), null));
        assertEquals("none", request(t, "GET", "/", Map.of("x-version", List.of("v12-beta")), null));
    }

    @Test
    void repeatedHeaderValuesAreJoinedWithComma() {
        RouteTable t = table(route("a/h", rule(0, headers(prefix("/"), HeaderMatch.exact("x-tag", "a,b")))));
        assertEquals("a/h rule 0 match 0", request(t, "GET", "/", Map.of("x-tag", List.of("a", "b")), null));
    }

    @Test
    void onlyTheFirstConditionPerHeaderNameCounts() {
        RouteTable t = table(route("a/h", rule(0, headers(prefix("/"), HeaderMatch.exact("x-a", "1"),
                HeaderMatch.exact("X-A", "2")))));
        assertEquals("a/h rule 0 match 0", request(t, "GET", "/", Map.of("x-a", List.of("1")), null));
    }

    @Test
    void queryExactAndRegexOnDecodedValues() {
        RouteTable t = table(route("a/q", rule(0, query(prefix("/"), QueryParamMatch.exact("name", "a b"),
                QueryParamMatch.regex("id", "[0-9]{3}")))));
        assertEquals("a/q rule 0 match 0", request(t, "GET", "/", Map.of(), "name=a%20b&id=123"));
        assertEquals("none", request(t, "GET", "/", Map.of(), "name=a%20b&id=1234"));
        assertEquals("none", request(t, "GET", "/", Map.of(), "Name=a%20b&id=123"));
        assertEquals("none", request(t, "GET", "/", Map.of(), null));
    }

    @Test
    void firstValueOfARepeatedQueryParamIsUsed() {
        RouteTable t = table(route("a/q", rule(0, query(prefix("/"), QueryParamMatch.exact("v", "1")))));
        assertEquals("a/q rule 0 match 0", request(t, "GET", "/", Map.of(), "v=1&v=2"));
        assertEquals("none", request(t, "GET", "/", Map.of(), "v=2&v=1"));
    }

    @Test
    void methodMustMatchExactly() {
        RouteTable t = table(route("a/m", rule(0, method(prefix("/"), "POST"))));
        assertEquals("a/m rule 0 match 0", request(t, "POST", "/", Map.of(), null));
        assertEquals("none", request(t, "GET", "/", Map.of(), null));
    }
}
