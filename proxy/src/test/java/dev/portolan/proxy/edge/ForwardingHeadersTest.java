package dev.portolan.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.proxy.edge.EdgeProxy.Rule;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.listen.TestClients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding 2 of issue 11: a client's X-Forwarded-Proto, X-Forwarded-Host and Forwarded reached the backend
 * unchanged, and of two X-Forwarded-For lines the second was dropped. By default the peer is the client: those
 * headers come from the connection; only with trusted hops are client values kept.
 */
class ForwardingHeadersTest {
    private static final String[] FORGED = {
            "X-Forwarded-Proto: https",
            "X-Forwarded-Host: admin.internal",
            "X-Forwarded-Port: 443",
            "Forwarded: for=10.0.0.1;proto=https;host=admin.internal",
            "X-Forwarded-For: 203.0.113.7",
            "X-Forwarded-For: 198.51.100.1, 198.51.100.2"};

    private static EdgeProxy untrusting;
    private static EdgeProxy trusting;

    @BeforeAll
    static void start() throws Exception {
        untrusting = EdgeProxy.start(ProxyServerOptions.defaults(), Rule.prefix("all", "/"));
        trusting = EdgeProxy.start(ProxyServerOptions.defaults().withEdge(EdgeSettings.defaults().withTrustedHops(1)),
                Rule.prefix("all", "/"));
    }

    @AfterAll
    static void stop() throws Exception {
        untrusting.close();
        trusting.close();
    }

    @Test
    void byDefaultForgedForwardingHeadersAreReplacedFromTheConnection() throws Exception {
        RawClient.Reply reply = RawClient.get(untrusting.port, "/", FORGED);
        assertEquals(List.of("http"), reply.echoed("X-Forwarded-Proto"));
        assertEquals(List.of("edge.example"), reply.echoed("X-Forwarded-Host"));
        assertEquals(List.of(), reply.echoed("X-Forwarded-Port"));
        assertEquals(List.of(), reply.echoed("Forwarded"));
    }

    @Test
    void everyXForwardedForLineIsKeptInOrderAndThePeerAppended() throws Exception {
        RawClient.Reply reply = RawClient.get(untrusting.port, "/", FORGED);
        assertEquals(List.of("203.0.113.7, 198.51.100.1, 198.51.100.2, 127.0.0.1"),
                reply.echoed("X-Forwarded-For"));
    }

    @Test
    void withoutClientHeadersTheProxySetsThemAll() throws Exception {
        RawClient.Reply reply = RawClient.get(untrusting.port, "/plain");
        assertEquals(List.of("127.0.0.1"), reply.echoed("X-Forwarded-For"));
        assertEquals(List.of("http"), reply.echoed("X-Forwarded-Proto"));
        assertEquals(List.of("edge.example"), reply.echoed("X-Forwarded-Host"));
        assertEquals(List.of(), reply.echoed("Forwarded"));
    }

    @Test
    void http2LowerCaseNamesAreDroppedToo() throws Exception {
        HttpClient client = TestClients.http2(Map.of(), null);
        try {
            ContentResponse response = client.newRequest(untrusting.url("/h2"))
                    .headers(h -> h.add("x-forwarded-proto", "https").add("forwarded", "for=10.0.0.1"))
                    .timeout(5, TimeUnit.SECONDS).send();
            assertEquals(HttpVersion.HTTP_2, response.getVersion());
            JsonNode headers = new ObjectMapper().readTree(response.getContent()).path("headers");
            assertEquals("[\"http\"]", headers.path("X-Forwarded-Proto").toString());
            assertTrue(headers.path("Forwarded").isMissingNode(), headers.toString());
        } finally {
            client.stop();
        }
    }

    @Test
    void aTrustedHopKeepsClientValuesAndForwardedGetsThisHopAppended() throws Exception {
        RawClient.Reply reply = RawClient.get(trusting.port, "/", FORGED);
        assertEquals(List.of("https"), reply.echoed("X-Forwarded-Proto"));
        assertEquals(List.of("admin.internal"), reply.echoed("X-Forwarded-Host"));
        assertEquals(List.of("443"), reply.echoed("X-Forwarded-Port"));
        assertEquals(List.of("for=10.0.0.1;proto=https;host=admin.internal, "
                + "for=127.0.0.1;host=\"edge.example\";proto=http"), reply.echoed("Forwarded"));
        assertEquals(List.of("203.0.113.7, 198.51.100.1, 198.51.100.2, 127.0.0.1"),
                reply.echoed("X-Forwarded-For"));
    }
}
