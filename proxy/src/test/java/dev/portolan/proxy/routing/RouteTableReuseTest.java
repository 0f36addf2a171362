package dev.portolan.proxy.routing;

import static dev.portolan.proxy.routing.Fixtures.listener;
import static dev.portolan.proxy.routing.Fixtures.route;
import static dev.portolan.proxy.routing.Fixtures.rule;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.RouteConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A table compiled with a previous one reuses the compiled checks of the route objects both were compiled from,
 * attached to the new listener object, and compiles changed routes anew. (That matching is unchanged is
 * {@code RecompileEquivalenceTest}'s part.)
 */
class RouteTableReuseTest {
    private static RouteConfig regexRoute(String key, String regex) {
        return route(key, rule(0, new MatchConfig(PathMatch.regex(regex),
                List.of(HeaderMatch.regex("x-user", "u[0-9]+")), List.of(), null)));
    }

    @Test
    void unchangedRouteObjectsKeepTheirCompiledChecksUnderTheNewListener() {
        RouteConfig kept = regexRoute("apps/kept", "/k/[0-9]+");
        RouteConfig changed = regexRoute("apps/changed", "/c/[0-9]+");
        RouteTable before = RouteTable.compile(List.of(listener("http", null, kept, changed)));

        RouteConfig replacement = regexRoute("apps/changed", "/c2/[0-9]+");
        ListenerConfig next = listener("http", null, kept, replacement);
        RouteTable after = RouteTable.compile(List.of(next), List.of(before));

        Candidate reused = after.compiledFor(kept)[0];
        assertNotSame(before.compiledFor(kept)[0], reused, "bound to the new listener object");
        assertSame(next, reused.result.listener());
        assertSame(before.compiledFor(kept)[0].pathRegex, reused.pathRegex);
        assertSame(before.compiledFor(kept)[0].headers, reused.headers);
        assertNotNull(after.compiledFor(replacement));
        assertNull(after.compiledFor(changed), "the replaced route is not kept");
        assertSame(replacement, after.match("any", "GET", "/c2/7", Map.of("x-user", List.of("u1")), null)
                .orElseThrow().route());
        assertSame(kept, after.match("any", "GET", "/k/7", Map.of("x-user", List.of("u1")), null)
                .orElseThrow().route());
    }

    @Test
    void aListenerObjectCompiledBeforeKeepsItsCandidates() {
        RouteConfig kept = regexRoute("apps/kept", "/k/[0-9]+");
        ListenerConfig same = listener("http", null, kept);
        RouteTable before = RouteTable.compile(List.of(same));
        RouteTable after = RouteTable.compile(List.of(same), List.of(before));
        assertSame(before.compiledFor(kept), after.compiledFor(kept));
    }
}
