package dev.portolan.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostnameMatcherTest {
    @Test
    void exactHostnamesIntersectOnlyWhenEqualIgnoringCase() {
        assertEquals(Optional.of("foo.com"), HostnameMatcher.intersect("foo.com", "FOO.com"));
        assertEquals(Optional.empty(), HostnameMatcher.intersect("foo.com", "bar.com"));
    }

    @Test
    void wildcardIntersectsTheNarrowerHostname() {
        assertEquals(Optional.of("a.example.com"), HostnameMatcher.intersect("*.example.com", "a.example.com"));
        assertEquals(Optional.of("a.b.example.com"), HostnameMatcher.intersect("a.b.example.com", "*.example.com"));
        assertEquals(Optional.of("*.foo.example.com"), HostnameMatcher.intersect("*.example.com", "*.foo.example.com"));
        assertEquals(Optional.of("*.foo.example.com"), HostnameMatcher.intersect("*.foo.example.com", "*.example.com"));
    }

    @Test
    void wildcardNeedsAtLeastOneMoreLabel() {
        assertEquals(Optional.empty(), HostnameMatcher.intersect("*.example.com", "example.com"));
        assertEquals(Optional.empty(), HostnameMatcher.intersect("*.example.com", "xexample.com"));
        assertEquals(Optional.empty(), HostnameMatcher.intersect("*.example.com", "*.other.com"));
    }

    @Test
    void missingHostnameMeansAny() {
        assertEquals(Optional.of("foo.com"), HostnameMatcher.intersect(null, "foo.com"));
        assertEquals(Optional.of("*.foo.com"), HostnameMatcher.intersect("*.foo.com", ""));
        assertEquals(List.of("*"), HostnameMatcher.effectiveHostnames(null, List.of()));
        assertEquals(List.of("*.wildcard.io"), HostnameMatcher.effectiveHostnames("*.wildcard.io", List.of()));
    }

    @Test
    void effectiveHostnamesKeepOnlyIntersectionsSorted() {
        // From the HTTPRouteHostnameIntersection case: one of three route hostnames matches the listener.
        assertEquals(List.of("very.specific.com"), HostnameMatcher.effectiveHostnames("very.specific.com",
                List.of("non.matching.com", "*.nonmatchingwildcard.io", "very.specific.com")));
        assertEquals(List.of("a.wildcard.io", "b.wildcard.io"), HostnameMatcher.effectiveHostnames("*.wildcard.io",
                List.of("b.wildcard.io", "a.wildcard.io", "wildcard.io", "other.io")));
        assertEquals(List.of(), HostnameMatcher.effectiveHostnames("foo.example.com", List.of("not-accepted.test.com")));
    }

    @Test
    void matchesConcreteHosts() {
        assertTrue(HostnameMatcher.matches("*.example.com", "a.b.example.com"));
        assertTrue(HostnameMatcher.matches(null, "anything.org"));
        assertFalse(HostnameMatcher.matches("*.example.com", "example.com"));
    }
}
