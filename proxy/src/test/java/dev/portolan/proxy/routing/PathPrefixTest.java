package dev.portolan.proxy.routing;

import static dev.portolan.proxy.routing.Fixtures.exact;
import static dev.portolan.proxy.routing.Fixtures.get;
import static dev.portolan.proxy.routing.Fixtures.prefix;
import static dev.portolan.proxy.routing.Fixtures.route;
import static dev.portolan.proxy.routing.Fixtures.rule;
import static dev.portolan.proxy.routing.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathPrefixTest {

    @Test
    void prefixMatchesWholeSegmentsOnly() {
        RouteTable t = table(route("a/foo", rule(0, prefix("/foo"))));
        assertEquals("a/foo rule 0 match 0", get(t, "example.com", "/foo"));
        assertEquals("a/foo rule 0 match 0", get(t, "example.com", "/foo/"));
        assertEquals("a/foo rule 0 match 0", get(t, "example.com", "/foo/bar"));
        assertEquals("none", get(t, "example.com", "/foobar"));
        assertEquals("none", get(t, "example.com", "/fo"));
    }

    @Test
    void trailingSlashInPrefixIsIgnored() {
        RouteTable t = table(route("a/foo", rule(0, prefix("/foo/"))));
        assertEquals("a/foo rule 0 match 0", get(t, "example.com", "/foo"));
        assertEquals("a/foo rule 0 match 0", get(t, "example.com", "/foo/bar"));
        assertEquals("none", get(t, "example.com", "/foobar"));
    }

    @Test
    void rootPrefixMatchesEveryPath() {
        RouteTable t = table(route("a/root", rule(0, prefix("/"))));
        assertEquals("a/root rule 0 match 0", get(t, "example.com", "/"));
        assertEquals("a/root rule 0 match 0", get(t, "example.com", "/a/b/c/"));
        assertEquals("a/root rule 0 match 0", get(t, "example.com", ""));
    }

    @Test
    void deepPathFindsTheLongestRegisteredPrefix() {
        RouteTable t = table(route("a/r", rule(0, prefix("/a")), rule(1, prefix("/a/b/c"))));
        assertEquals("a/r rule 1 match 0", get(t, "example.com", "/a/b/c/d/e"));
        assertEquals("a/r rule 0 match 0", get(t, "example.com", "/a/b/cd"));
    }

    @Test
    void exactPathIsNotSegmentWise() {
        RouteTable t = table(route("a/e", rule(0, exact("/foo"))));
        assertEquals("a/e rule 0 match 0", get(t, "example.com", "/foo"));
        assertEquals("none", get(t, "example.com", "/foo/"));
    }

    @Test
    void prefixPredicateUsedByExplain() {
        assertTrue(PathIndex.prefixMatches("/foo", "/foo/x"));
        assertFalse(PathIndex.prefixMatches("/foo", "/foox"));
        assertEquals("/foo", PathIndex.normalizePrefix("/foo//"));
        assertEquals("/", PathIndex.normalizePrefix("/"));
    }
}
