package dev.portolan.proxy.forward;

import static dev.portolan.proxy.forward.Configs.backend;
import static dev.portolan.proxy.forward.Configs.config;
import static dev.portolan.proxy.forward.Configs.rule;
import static dev.portolan.proxy.forward.Configs.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.FilterConfig.Cors;
import dev.portolan.proxy.config.FilterConfig.RequestRedirect;
import dev.portolan.proxy.config.FilterConfig.ResponseHeaderModifier;
import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Answers the proxy gives without a backend (redirects, CORS preflights) and CORS on backend answers. */
class RedirectAndCorsTest {

    private static final int SPEC_PORT = 8080;
    private static EchoServer echo;
    private static ForwardTestServer proxy;
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        echo = EchoServer.start(EchoOptions.of("infra-backend-v1-pod", "infra"));
        BackendConfig v1 = backend("infra/v1:8080", echo);
        Cors cors = new Cors(List.of("https://www.foo.com", "https://*.bar.com"), List.of("GET", "OPTIONS"),
                List.of("x-header-1", "x-header-2"), List.of("x-header-3", "x-header-4"), true, 3600);
        Cors wildcard = new Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), false, null);
        proxy = ForwardTestServer.start(config(SPEC_PORT,
                rule("/redirect-host", List.of(new RequestRedirect(null, "example.org", null, null, 302),
                        new ResponseHeaderModifier(List.of(Configs.header("X-Redirected", "yes")), List.of(),
                                List.of())), to(v1)),
                rule("/see-other", List.of(new RequestRedirect(null, null, null, null, 303)), to(v1)),
                rule("/scheme", List.of(new RequestRedirect("https", null, null, null, 301)), to(v1)),
                rule("/cors-1", List.of(cors), to(v1)),
                rule("/cors-wildcard", List.of(wildcard), to(v1))));
        client = new TestClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        proxy.close();
        echo.close();
    }

    @Test
    void redirectsUseTheListenerSpecPortAndNeverCallTheBackend() throws Exception {
        echo.clearRecorded();
        ContentResponse answer = client.get(proxy.url(SPEC_PORT), "/redirect-host/x?q=1");
        assertEquals(302, answer.getStatus());
        assertEquals("http://example.org:8080/redirect-host/x?q=1", answer.getHeaders().get("Location"));
        assertEquals("yes", answer.getHeaders().get("X-Redirected"));
        ContentResponse seeOther = client.request(proxy.url(SPEC_PORT), "POST", "/see-other", Map.of("Host", "gw.test"))
                .send();
        assertEquals(303, seeOther.getStatus());
        assertEquals("http://gw.test:8080/see-other", seeOther.getHeaders().get("Location"));
        ContentResponse scheme = client.get(proxy.url(SPEC_PORT), "/scheme", Map.of("Host", "gw.test:8080"));
        assertEquals(301, scheme.getStatus());
        assertEquals("https://gw.test/scheme", scheme.getHeaders().get("Location"));
        assertEquals(0, echo.recorded().size());
    }

    @Test
    void preflightFromAllowedOriginsIsAnsweredByTheProxy() throws Exception {
        echo.clearRecorded();
        for (String origin : List.of("https://www.foo.com", "https://www.bar.com", "https://xpto.www.bar.com")) {
            ContentResponse answer = client.request(proxy.url(SPEC_PORT), "OPTIONS", "/cors-1", Map.of(
                    "Origin", origin, "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Headers", "x-header-1, x-header-2")).send();
            assertEquals(204, answer.getStatus(), origin);
            assertEquals(origin, answer.getHeaders().get("Access-Control-Allow-Origin"));
            assertEquals("GET, OPTIONS", answer.getHeaders().get("Access-Control-Allow-Methods"));
            assertEquals("x-header-1, x-header-2", answer.getHeaders().get("Access-Control-Allow-Headers"));
            assertEquals("x-header-3, x-header-4", answer.getHeaders().get("Access-Control-Expose-Headers"));
            assertEquals("3600", answer.getHeaders().get("Access-Control-Max-Age"));
            assertEquals("true", answer.getHeaders().get("Access-Control-Allow-Credentials"));
        }
        assertEquals(0, echo.recorded().size());
    }

    @Test
    void preflightFromOtherOriginsGetsNoAllowHeaders() throws Exception {
        ContentResponse answer = client.request(proxy.url(SPEC_PORT), "OPTIONS", "/cors-1", Map.of(
                "Origin", "https://foobar.com", "Access-Control-Request-Method", "GET")).send();
        assertEquals(204, answer.getStatus());
        assertNull(answer.getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void wildcardsEchoTheRequestedOriginMethodAndHeaders() throws Exception {
        ContentResponse answer = client.request(proxy.url(SPEC_PORT), "OPTIONS", "/cors-wildcard", Map.of(
                "Origin", "https://foobar.com:12345", "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "x-a")).send();
        assertEquals("https://foobar.com:12345", answer.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("PUT", answer.getHeaders().get("Access-Control-Allow-Methods"));
        assertEquals("x-a", answer.getHeaders().get("Access-Control-Allow-Headers"));
        assertNull(answer.getHeaders().get("Access-Control-Allow-Credentials"));
    }

    @Test
    void simpleRequestsGetCorsHeadersOnTheBackendAnswer() throws Exception {
        ContentResponse allowed = client.get(proxy.url(SPEC_PORT), "/cors-1", Map.of("Origin", "https://www.bar.com"));
        assertEquals(200, allowed.getStatus());
        assertEquals("https://www.bar.com", allowed.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("https://www.bar.com", Echoed.of(allowed).header("Origin"));
        ContentResponse other = client.get(proxy.url(SPEC_PORT), "/cors-1", Map.of("Origin", "https://foobar.com"));
        assertEquals(200, other.getStatus());
        assertNull(other.getHeaders().get("Access-Control-Allow-Origin"));
    }
}
