package dev.portolan.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.HeaderMatch;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.QueryParamMatch;
import dev.portolan.proxy.config.RouteRegex;
import dev.portolan.proxy.config.ValueMatchType;
import dev.portolan.proxy.edge.EdgeProxy.Rule;
import dev.portolan.proxy.listen.ProxyServerOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Finding 3 of issue 11: the route regex {@code /redos/(.*a){15}$} took 1.44 s per request on a proxy worker
 * (java.util.regex backtracking). Route regexes are RE2/J now: linear in the input.
 */
class RouteRegexTest {
    private static final String REDOS = "/redos/(.*a){15}$";
    /** 26 a's and a non-matching end: java.util.regex backtracks through ~10^8 states (hundreds of ms). */
    private static final String ATTACK = "/redos/" + "a".repeat(26) + "!";
    private static final String MATCHING = "/redos/" + "a".repeat(15);

    @Test
    void theReDoSRouteAnswersThroughTheProxyWithTheRightMatchResult() throws Exception {
        try (EdgeProxy proxy = EdgeProxy.start(ProxyServerOptions.defaults(), Rule.regex("redos", REDOS),
                Rule.prefix("ok", "/ok"))) {
            long start = System.nanoTime();
            RawClient.Reply attack = RawClient.get(proxy.port, ATTACK);
            long attackMicros = (System.nanoTime() - start) / 1_000;
            assertEquals(404, attack.status(), attack.body());
            assertEquals(GatewayAnswer.NOT_FOUND.body(), attack.body());
            RawClient.Reply matching = RawClient.get(proxy.port, MATCHING);
            assertEquals(List.of("redos"), matching.echoed("X-Route"));
            assertEquals(List.of("ok"), RawClient.get(proxy.port, "/ok").echoed("X-Route"));
            System.out.printf("ReDoS request through the proxy (new connection, 404): %d us%n", attackMicros);
        }
    }

    /** A JMH-free measurement: prints the cost of one match of each engine; asserts only the results. */
    @Test
    void costOfTheReDoSPatternInRe2jAndJavaUtilRegex() {
        com.google.re2j.Pattern re2 = RouteRegex.compile(REDOS, "PathMatch.value");
        java.util.regex.Pattern backtracking = java.util.regex.Pattern.compile(REDOS);
        for (int i = 0; i < 2_000; i++) {
            assertFalse(re2.matcher(ATTACK).matches()); // warm-up
        }
        int rounds = 2_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertFalse(re2.matcher(ATTACK).matches());
        }
        double re2Micros = (System.nanoTime() - start) / 1_000.0 / rounds;
        start = System.nanoTime();
        assertFalse(backtracking.matcher(ATTACK).matches()); // once: it is the slow one
        double javaMicros = (System.nanoTime() - start) / 1_000.0;
        assertTrue(re2.matcher(MATCHING).matches());
        assertTrue(backtracking.matcher(MATCHING).matches());
        System.out.printf("%s on %d chars: RE2/J %.1f us per match, java.util.regex %.0f us%n", REDOS,
                ATTACK.length(), re2Micros, javaMicros);
    }

    @Test
    void patternsRe2CannotCompileAreRefusedNamingTheField() {
        IllegalArgumentException backreference = assertThrows(IllegalArgumentException.class,
                () -> PathMatch.regex("/(a)\\1"));
        assertTrue(backreference.getMessage().startsWith("PathMatch.value is not a valid RE2 regular expression"),
                backreference.getMessage());
        IllegalArgumentException lookahead = assertThrows(IllegalArgumentException.class,
                () -> new HeaderMatch(ValueMatchType.REGEX, "X-Version", "(?=v)v1"));
        assertTrue(lookahead.getMessage().contains("X-Version"), lookahead.getMessage());
        IllegalArgumentException possessive = assertThrows(IllegalArgumentException.class,
                () -> new QueryParamMatch(ValueMatchType.REGEX, "page", "a*+"));
        assertTrue(possessive.getMessage().contains("page"), possessive.getMessage());
        assertEquals(null, RouteRegex.problem("/api/v[0-9]+/.*", "PathMatch.value"));
    }
}
