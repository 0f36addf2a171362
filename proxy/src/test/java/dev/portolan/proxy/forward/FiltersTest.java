package dev.portolan.proxy.forward;

import static dev.portolan.proxy.forward.Configs.backend;
import static dev.portolan.proxy.forward.Configs.config;
import static dev.portolan.proxy.forward.Configs.header;
import static dev.portolan.proxy.forward.Configs.rule;
import static dev.portolan.proxy.forward.Configs.to;
import static dev.portolan.proxy.forward.Configs.weighted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.FilterConfig.RequestHeaderModifier;
import dev.portolan.proxy.config.FilterConfig.ResponseHeaderModifier;
import dev.portolan.proxy.config.FilterConfig.UrlRewrite;
import dev.portolan.proxy.config.PathModifier;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Header modifiers, URL rewrites and pass-through fidelity through a real proxy to a real echo backend. */
class FiltersTest {

    private static EchoServer echo;
    private static ForwardTestServer proxy;
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start(EchoOptions.of("infra-backend-v1-pod", "infra"));
        BackendConfig v1 = backend("infra/v1:8080", echo);
        proxy = ForwardTestServer.start(config(
                rule("/set", List.of(new RequestHeaderModifier(List.of(header("X-Header-Set", "set-overwrites-values")),
                        List.of(), List.of())), to(v1)),
                rule("/add", List.of(new RequestHeaderModifier(List.of(),
                        List.of(header("X-Header-Add", "add-appends-values")), List.of())), to(v1)),
                rule("/remove", List.of(new RequestHeaderModifier(List.of(), List.of(), List.of("X-Header-Remove"))),
                        to(v1)),
                rule("/response", List.of(new ResponseHeaderModifier(List.of(header("X-Header-Set", "set")),
                        List.of(header("X-Header-Add", "added")), List.of("X-Header-Remove"))), to(v1)),
                rule("/prefix/one", List.of(new UrlRewrite(null, new PathModifier(PathModifier.Type.PREFIX, "/one"))),
                        to(v1)),
                rule("/strip-prefix", List.of(new UrlRewrite(null, new PathModifier(PathModifier.Type.PREFIX, "/"))),
                        to(v1)),
                rule("/full", List.of(new UrlRewrite("rewritten.example", new PathModifier(PathModifier.Type.FULL,
                        "/one"))), to(v1)),
                rule("/backend-filter", List.of(new RequestHeaderModifier(List.of(header("X-Order", "rule")),
                        List.of(), List.of())), weighted(1, v1, new RequestHeaderModifier(
                        List.of(header("X-Order", "backend")), List.of(), List.of()))),
                rule("/", List.of(), to(v1))));
        client = new TestClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        proxy.close();
        echo.close();
    }

    @Test
    void setReplacesExistingValuesCaseInsensitively() throws Exception {
        Echoed seen = Echoed.of(client.get(proxy.url(80), "/set", Map.of("x-header-set", "original",
                "Some-Other-Header", "val")));
        assertEquals("set-overwrites-values", seen.header("X-Header-Set"));
        assertEquals("val", seen.header("Some-Other-Header"));
    }

    @Test
    void addAppendsWithCommaWithoutSpace() throws Exception {
        assertEquals("add-appends-values",
                Echoed.of(client.get(proxy.url(80), "/add")).header("X-Header-Add"));
        assertEquals("some-other-value,add-appends-values", Echoed.of(client.get(proxy.url(80), "/add",
                Map.of("x-header-add", "some-other-value"))).header("X-Header-Add"));
    }

    @Test
    void removeDropsTheHeaderWhateverItsCase() throws Exception {
        Echoed seen = Echoed.of(client.get(proxy.url(80), "/remove", Map.of("x-header-remove", "val")));
        assertFalse(seen.hasHeader("X-Header-Remove"));
    }

    @Test
    void responseHeaderModifierEditsTheBackendAnswer() throws Exception {
        Map<String, String> backendSets = new LinkedHashMap<>();
        backendSets.put("X-Echo-Set-Header", "X-Header-Set:backend,X-Header-Add:first,X-Header-Remove:gone");
        ContentResponse answer = client.get(proxy.url(80), "/response", backendSets);
        assertEquals(200, answer.getStatus());
        assertEquals("set", answer.getHeaders().get("X-Header-Set"));
        assertEquals("first,added", answer.getHeaders().get("X-Header-Add"));
        assertNull(answer.getHeaders().get("X-Header-Remove"));
        assertEquals("application/json", answer.getHeaders().get("Content-Type"));
    }

    @Test
    void prefixRewriteIsSegmentAwareAndKeepsTheQuery() throws Exception {
        assertEquals("/one/two?a=1&b=%2F", Echoed.of(client.get(proxy.url(80), "/prefix/one/two?a=1&b=%2F")).path());
        assertEquals("/three", Echoed.of(client.get(proxy.url(80), "/strip-prefix/three")).path());
        assertEquals("/", Echoed.of(client.get(proxy.url(80), "/strip-prefix")).path());
    }

    @Test
    void fullRewriteReplacesPathAndHost() throws Exception {
        Echoed seen = Echoed.of(client.get(proxy.url(80), "/full/one/two"));
        assertEquals("/one", seen.path());
        assertEquals("rewritten.example", seen.host());
    }

    @Test
    void backendLevelFiltersApplyAfterRuleFilters() throws Exception {
        assertEquals("backend", Echoed.of(client.get(proxy.url(80), "/backend-filter")).header("X-Order"));
    }

    @Test
    void hostWithPortRawUriAndForwardedHeadersPassThrough() throws Exception {
        Echoed seen = Echoed.of(client.get(proxy.url(80), "/some//path%2Fx?q=a%20b&q=c",
                Map.of("Host", "example.com:8080", "Connection", "X-Hop", "X-Hop", "secret")));
        assertEquals("example.com:8080", seen.host());
        assertEquals("/some//path%2Fx?q=a%20b&q=c", seen.path());
        assertEquals("127.0.0.1", seen.header("X-Forwarded-For"));
        assertEquals("http", seen.header("X-Forwarded-Proto"));
        assertEquals("example.com:8080", seen.header("X-Forwarded-Host"));
        assertFalse(seen.hasHeader("X-Hop"), "headers named in Connection are hop-by-hop");
        assertTrue(seen.pod().startsWith("infra-backend-v1"));
    }

    @Test
    void requestBodyIsStreamedToTheBackend() throws Exception {
        ContentResponse answer = client.request(proxy.url(80), "POST", "/post", Map.of())
                .body(new org.eclipse.jetty.client.StringRequestContent("text/plain", "hello body")).send();
        assertEquals(200, answer.getStatus());
        Echoed seen = Echoed.of(answer);
        assertEquals("POST", seen.method());
        assertEquals("10", seen.header("Content-Length"));
    }
}
