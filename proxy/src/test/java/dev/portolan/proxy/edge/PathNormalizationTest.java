package dev.portolan.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.proxy.edge.EdgeProxy.Rule;
import dev.portolan.proxy.listen.ProxyServerOptions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Finding 1 of issue 11: {@code /ws/../timeout} matched PathPrefix /ws and reached the backend unnormalized;
 * {@code /%74imeout} missed the /timeout route. Each row sends a path byte for byte through the real proxy (as
 * {@code curl --path-as-is}) and checks the status, the rule that matched and the path the echo backend received.
 */
class PathNormalizationTest {
    private static final int REFUSED = 400;

    /** sent, expected status, rule that matched (null when refused), path and query the backend received */
    record Row(String sent, int status, String rule, String received) {
        static Row ok(String sent, String rule, String received) {
            return new Row(sent, 200, rule, received);
        }

        static Row refused(String sent) {
            return new Row(sent, REFUSED, null, null);
        }
    }

    private static final List<Row> DEFAULT_ROWS = List.of(
            // the finding
            Row.ok("/ws/../timeout?delay=3s", "timeout", "/timeout?delay=3s"),
            Row.ok("/%74imeout", "timeout", "/timeout"),
            // dot segments (RFC 3986 5.2.4)
            Row.ok("/ws/chat", "chat", "/ws/chat"),
            Row.ok("/ws/./chat", "chat", "/ws/chat"),
            Row.ok("/ws/a/../chat", "chat", "/ws/chat"),
            Row.ok("/ws/a/b/../../x", "chat", "/ws/x"),
            Row.ok("/ws/..", "catch-all", "/"),
            Row.ok("/ws/.", "chat", "/ws/"),
            Row.ok("/ws/chat/.", "chat", "/ws/chat/"),
            Row.ok("/ws/chat/..", "chat", "/ws/"),
            Row.ok("/a/b/..", "catch-all", "/a/"),
            Row.ok("/./timeout", "timeout", "/timeout"),
            Row.ok("/ws/x/./../../timeout/", "timeout", "/timeout/"),
            Row.ok("/ws/...", "chat", "/ws/..."),
            Row.ok("/ws/..x/chat", "chat", "/ws/..x/chat"),
            // percent-encoded unreserved characters decoded, others kept (hex in upper case)
            Row.ok("/%77s/chat", "chat", "/ws/chat"),
            Row.ok("/ws/%63hat", "chat", "/ws/chat"),
            Row.ok("/%41%42", "catch-all", "/AB"),
            Row.ok("/%7e/x", "catch-all", "/~/x"),
            Row.ok("/a%20b", "catch-all", "/a%20b"),
            Row.ok("/a%3fb", "catch-all", "/a%3Fb"),
            Row.ok("/%2d%5F", "catch-all", "/-_"),
            // the query is not a path: never normalized
            Row.ok("/timeout?x=../ws", "timeout", "/timeout?x=../ws"),
            Row.ok("/timeout?p=%74", "timeout", "/timeout?p=%74"),
            // matching stays case- and segment-exact
            Row.ok("/TIMEOUT", "catch-all", "/TIMEOUT"),
            Row.ok("/timeoutx", "catch-all", "/timeoutx"),
            Row.ok("/timeout/", "timeout", "/timeout/"),
            // duplicate slashes kept by default (Envoy's merge_slashes is off by default)
            Row.ok("/ws//chat", "chat", "/ws//chat"),
            // ... except leading ones: upstream "//ws/chat" would read as host "ws", path "/chat" (RFC 3986 4.2)
            Row.ok("//ws/chat", "chat", "/ws/chat"),
            Row.ok("///timeout//x", "timeout", "/timeout//x"),
            Row.ok("/ws//../timeout", "chat", "/ws/timeout"),
            // refused before routing: encoded separators, encoded dots, escapes of '%', leaving the root
            Row.refused("/ws%2Fchat"),
            Row.refused("/ws%2fchat"),
            Row.refused("/ws%5Cchat"),
            Row.refused("/ws%5cchat"),
            Row.refused("/ws\\chat"),
            Row.refused("/ws/%2e%2e/timeout"),
            Row.refused("/ws/.%2E/timeout"),
            Row.refused("/%2e/timeout"),
            Row.refused("/a%2574"),
            Row.refused("/../timeout"),
            Row.refused("/ws/../../timeout"));

    private static final List<Row> MERGED_ROWS = List.of(
            Row.ok("//ws//chat", "chat", "/ws/chat"),
            Row.ok("/ws///x/../y", "chat", "/ws/y"),
            Row.ok("//timeout", "timeout", "/timeout"),
            Row.ok("/ws/chat//", "chat", "/ws/chat/"));

    private static EdgeProxy proxy;
    private static EdgeProxy merging;

    @BeforeAll
    static void start() throws Exception {
        Rule[] rules = {Rule.prefix("chat", "/ws"), Rule.prefix("timeout", "/timeout"), Rule.prefix("catch-all", "/")};
        proxy = EdgeProxy.start(ProxyServerOptions.defaults(), rules);
        merging = EdgeProxy.start(ProxyServerOptions.defaults().withEdge(EdgeSettings.defaults()
                .withMergeSlashes(true)), rules);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        merging.close();
    }

    @TestFactory
    Stream<DynamicTest> pathsAreNormalizedBeforeMatchingAndForwarding() {
        return DEFAULT_ROWS.stream().map(row -> dynamicTest(row.sent(), () -> check(proxy, row)));
    }

    @TestFactory
    Stream<DynamicTest> mergeSlashesCollapsesRunsOfSlashes() {
        return MERGED_ROWS.stream().map(row -> dynamicTest(row.sent(), () -> check(merging, row)));
    }

    @TestFactory
    Stream<DynamicTest> http2PathsAreNormalizedAndRefusedTheSameWay() {
        return Stream.of(Row.ok("/ws/../timeout?delay=3s", "timeout", "/timeout?delay=3s"),
                Row.ok("/%74imeout", "timeout", "/timeout"),
                Row.ok("/ws/./chat", "chat", "/ws/chat"),
                Row.refused("/ws%2Fchat"),
                Row.refused("/ws/%2e%2e/timeout"))
                .map(row -> dynamicTest("h2c " + row.sent(), () -> {
                    H2cExchange.Answer answer = H2cExchange.get(proxy.port, row.sent());
                    assertEquals(row.status(), answer.status(), row.sent() + " -> " + answer.body());
                    if (row.rule() == null) {
                        assertEquals(GatewayAnswer.BAD_REQUEST.body(), answer.body());
                        return;
                    }
                    JsonNode echo = new ObjectMapper().readTree(answer.body());
                    assertEquals("[\"" + row.rule() + "\"]", echo.path("headers").path("X-Route").toString());
                    assertEquals(row.received(), echo.path("path").asText());
                }));
    }

    private static void check(EdgeProxy proxy, Row row) throws Exception {
        RawClient.Reply reply = RawClient.get(proxy.port, row.sent());
        assertEquals(row.status(), reply.status(), row.sent() + " -> " + reply.body());
        if (row.rule() == null) {
            assertEquals(GatewayAnswer.BAD_REQUEST.body(), reply.body(), "a refusal carries the fixed body");
            assertFalse(reply.body().contains("Jetty"), reply.body());
            return;
        }
        assertEquals(List.of(row.rule()), reply.echoed("X-Route"), "rule matched by " + row.sent());
        assertEquals(row.received(), reply.echo().path("path").asText(), "path the backend received");
    }
}
