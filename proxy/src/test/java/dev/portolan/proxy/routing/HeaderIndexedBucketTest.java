package dev.portolan.proxy.routing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.QueryParamMatch;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Buckets indexed by a header's value pick exactly the candidate a scan of the whole bucket picks: random rule
 * sets (all told apart by one header, or mixed with regex, missing and other header conditions), random requests.
 */
class HeaderIndexedBucketTest {
    private static final List<String> PATHS = List.of("/a", "/a/b", "/b", "/", "/a/");
    private static final List<String> TENANTS = List.of("t0", "t1", "t2", "t3", "t4", "t5", "t1,t2", "");

    @Test
    void indexedAndScannedBucketsAgree() {
        Random random = new Random(7);
        int indexedHits = 0;
        for (int config = 0; config < 300; config++) {
            boolean uniform = config % 2 == 0;
            List<Candidate> candidates = candidates(random, uniform, 8 + random.nextInt(30));
            PathIndex indexed = PathIndex.of(candidates, 1);
            PathIndex scanned = PathIndex.of(candidates, Integer.MAX_VALUE);
            for (int request = 0; request < 200; request++) {
                RouteRequest r1 = request(random);
                RouteRequest r2 = new RouteRequest(r1.host(), r1.method(), r1.path(), headersOf(r1), r1.rawQuery());
                Candidate expected = scanned.find(r2);
                assertSame(expected, indexed.find(r1), () -> "request " + r1 + " " + headersOf(r1).joined("x-t"));
                if (expected != null && uniform) {
                    indexedHits++;
                }
            }
        }
        assertTrue(indexedHits > 1000, "the uniform configs matched requests: " + indexedHits);
    }

    @Test
    void onlyBucketsWhereEveryCandidateNeedsAnExactValueAreIndexed() {
        Random random = new Random(3);
        List<Candidate> uniform = candidates(random, true, 10);
        assertNotNull(PathIndex.Bucket.of(uniform, 8).header);
        assertNull(PathIndex.Bucket.of(uniform.subList(0, 7), 8).header);
        List<Candidate> mixed = new ArrayList<>(uniform);
        mixed.add(candidate(99, PathMatch.exact("/a"), List.of(HeaderMatch.regex("X-T", "t.*")), List.of(), null));
        assertNull(PathIndex.Bucket.of(mixed, 8).header);
    }

    private static final Map<RouteRequest, HeaderLookup> HEADERS = new HashMap<>();

    private static HeaderLookup headersOf(RouteRequest request) {
        return HEADERS.get(request);
    }

    private static RouteRequest request(Random random) {
        Map<String, List<String>> headers = new HashMap<>();
        String tenant = TENANTS.get(random.nextInt(TENANTS.size()));
        if (!tenant.isEmpty()) {
            headers.put(random.nextBoolean() ? "X-T" : "x-t", List.of(tenant.split(",")));
        }
        if (random.nextBoolean()) {
            headers.put("X-U", List.of("u" + random.nextInt(2)));
        }
        HeaderLookup lookup = HeaderLookup.of(headers);
        String query = random.nextBoolean() ? "q=" + random.nextInt(2) : null;
        RouteRequest request = new RouteRequest("h", random.nextBoolean() ? "GET" : "POST",
                PATHS.get(random.nextInt(PATHS.size())), lookup, query);
        HEADERS.put(request, lookup);
        return request;
    }

    private static List<Candidate> candidates(Random random, boolean uniform, int count) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PathMatch path = switch (random.nextInt(3)) {
                case 0 -> PathMatch.exact("/a");
                case 1 -> PathMatch.prefix(random.nextBoolean() ? "/a" : "/");
                default -> PathMatch.regex("/a.*");
            };
            List<HeaderMatch> headers = new ArrayList<>();
            int kind = uniform ? 0 : random.nextInt(4);
            String tenant = "t" + random.nextInt(6);
            switch (kind) {
                case 0 -> headers.add(HeaderMatch.exact(random.nextBoolean() ? "X-T" : "x-t", tenant));
                case 1 -> headers.add(HeaderMatch.regex("X-T", "t[0-" + random.nextInt(6) + "]"));
                case 2 -> { }
                default -> headers.add(HeaderMatch.exact("X-U", "u" + random.nextInt(2)));
            }
            if (random.nextInt(4) == 0) {
                headers.add(HeaderMatch.exact("X-U", "u" + random.nextInt(2)));
            }
            if (random.nextInt(5) == 0) {
                headers.add(HeaderMatch.exact("x-t", "t9")); // a later condition on the same name does not count
            }
            List<QueryParamMatch> query = random.nextInt(3) == 0
                    ? List.of(QueryParamMatch.exact("q", "" + random.nextInt(2))) : List.of();
            out.add(candidate(i, path, headers, query, random.nextInt(4) == 0 ? "GET" : null));
        }
        return out;
    }

    private static Candidate candidate(int i, PathMatch path, List<HeaderMatch> headers, List<QueryParamMatch> query,
                                       String method) {
        MatchConfig match = new MatchConfig(path, headers, query, method);
        RuleConfig rule = Fixtures.rule(0, match);
        RouteConfig route = Fixtures.route("ns/r" + i, i, List.of(), rule);
        ListenerConfig listener = Fixtures.listener("http", null, route);
        return new Candidate(listener, route, rule, 0, match);
    }
}
