package dev.portolan.proxy.routing;

import static dev.portolan.proxy.routing.Fixtures.describe;
import static dev.portolan.proxy.routing.Fixtures.get;
import static dev.portolan.proxy.routing.Fixtures.listener;
import static dev.portolan.proxy.routing.Fixtures.prefix;
import static dev.portolan.proxy.routing.Fixtures.route;
import static dev.portolan.proxy.routing.Fixtures.rule;
import static dev.portolan.proxy.routing.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostMatchingTest {

    @Test
    void wildcardMatchesOneOrMoreLabelsButNotTheBareDomain() {
        RouteTable t = table(route("a/wild", 0, List.of("*.example.com"), rule(0, prefix("/"))));
        assertEquals("a/wild rule 0 match 0", get(t, "a.example.com", "/"));
        assertEquals("a/wild rule 0 match 0", get(t, "a.b.example.com", "/"));
        assertEquals("none", get(t, "example.com", "/"));
        assertEquals("none", get(t, "aexample.com", "/"));
    }

    @Test
    void exactHostBeatsWildcard() {
        RouteTable t = table(route("a/wild", 0, List.of("*.example.com"), rule(0, prefix("/"))),
                route("b/exact", 0, List.of("foo.example.com"), rule(0, prefix("/"))));
        assertEquals("b/exact rule 0 match 0", get(t, "foo.example.com", "/"));
        assertEquals("a/wild rule 0 match 0", get(t, "bar.example.com", "/"));
    }

    @Test
    void longerWildcardSuffixWins() {
        RouteTable t = table(route("a/short", 0, List.of("*.com"), rule(0, prefix("/"))),
                route("b/long", 0, List.of("*.example.com"), rule(0, prefix("/"))));
        assertEquals("b/long rule 0 match 0", get(t, "x.example.com", "/"));
        assertEquals("a/short rule 0 match 0", get(t, "x.other.com", "/"));
    }

    @Test
    void routesWithoutHostnamesServeOtherHosts() {
        RouteTable t = table(route("a/any", rule(0, prefix("/"))),
                route("b/named", 0, List.of("named.example"), rule(0, prefix("/"))));
        assertEquals("a/any rule 0 match 0", get(t, "unknown.test", "/"));
        assertEquals("b/named rule 0 match 0", get(t, "named.example", "/"));
    }

    @Test
    void selectedHostDoesNotFallThroughToLessSpecificHosts() {
        RouteTable t = table(route("a/any", rule(0, prefix("/"))),
                route("b/named", 0, List.of("named.example"), rule(0, prefix("/only"))));
        assertEquals("none", get(t, "named.example", "/elsewhere"));
    }

    @Test
    void hostIsCaseInsensitiveAndPortIsIgnored() {
        RouteTable t = table(route("a/r", 0, List.of("Foo.Example.com"), rule(0, prefix("/"))));
        assertEquals("a/r rule 0 match 0", get(t, "FOO.example.COM:8443", "/"));
        assertEquals("a/r rule 0 match 0", get(t, "foo.example.com.", "/"));
    }

    @Test
    void ipv6LiteralHostsWork() {
        RouteTable t = table(route("a/any", rule(0, prefix("/"))));
        assertEquals("a/any rule 0 match 0", get(t, "[::1]:8080", "/"));
        assertEquals("[::1]", HostNames.normalize("[::1]:8080"));
        assertEquals("[fe80::1]", HostNames.normalize("[FE80::1]"));
        assertEquals("127.0.0.1", HostNames.normalize("127.0.0.1:80"));
    }

    @Test
    void listenerIsSelectedByHostExactThenWildcardThenAny() {
        RouteTable t = RouteTable.compile(List.of(
                listener("any", null, route("ns/any", rule(0, prefix("/")))),
                listener("wild", "*.example.com", route("ns/wild", rule(0, prefix("/")))),
                listener("exact", "a.example.com", route("ns/exact", rule(0, prefix("/"))))));
        assertEquals("exact", t.match("a.example.com", "GET", "/", Map.of(), null).orElseThrow().listener().name());
        assertEquals("wild", t.match("b.example.com", "GET", "/", Map.of(), null).orElseThrow().listener().name());
        assertEquals("any", t.match("other.org", "GET", "/", Map.of(), null).orElseThrow().listener().name());
    }

    @Test
    void noListenerForHostMeansNoMatch() {
        RouteTable t = RouteTable.compile(List.of(listener("only", "a.example.com",
                route("ns/r", rule(0, prefix("/"))))));
        assertEquals("none", describe(t.match("b.example.com", "GET", "/", Map.of(), null)));
    }

    @Test
    void firstListenerWinsDuplicateHostname() {
        RouteTable t = RouteTable.compile(List.of(
                listener("first", "a.example.com", route("ns/one", rule(0, prefix("/")))),
                listener("second", "a.example.com", route("ns/two", rule(0, prefix("/"))))));
        assertEquals("first", t.match("a.example.com", "GET", "/", Map.of(), null).orElseThrow().listener().name());
    }
}
