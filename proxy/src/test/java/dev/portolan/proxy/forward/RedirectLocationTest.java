package dev.portolan.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.proxy.config.FilterConfig.RequestRedirect;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathModifier;
import org.junit.jupiter.api.Test;

/** Gateway API redirect port, scheme, host and path rules. */
class RedirectLocationTest {

    private static final MatchConfig PREFIX = Configs.prefix("/old");

    private static String location(RequestRedirect redirect, String scheme, int specPort) {
        return RedirectLocation.of(redirect, scheme, "example.org", "/old/page", "a=1", specPort, PREFIX);
    }

    @Test
    void noPortKeepsTheListenerSpecPortUnlessDefault() {
        RequestRedirect hostOnly = new RequestRedirect(null, "other.org", null, null, 302);
        assertEquals("http://other.org:8080/old/page?a=1", location(hostOnly, "http", 8080));
        assertEquals("http://other.org/old/page?a=1", location(hostOnly, "http", 80));
        assertEquals("https://other.org/old/page?a=1", location(hostOnly, "https", 443));
    }

    @Test
    void schemeChangeWithoutPortUsesTheSchemesDefaultPort() {
        RequestRedirect toHttps = new RequestRedirect("https", null, null, null, 301);
        assertEquals("https://example.org/old/page?a=1", location(toHttps, "http", 8080));
        RequestRedirect toHttp = new RequestRedirect("http", null, null, null, 301);
        assertEquals("http://example.org/old/page?a=1", location(toHttp, "https", 8443));
    }

    @Test
    void explicitPortIsWrittenUnlessItIsTheSchemesDefault() {
        assertEquals("http://example.org:8083/old/page?a=1",
                location(new RequestRedirect(null, null, null, 8083, 302), "http", 80));
        assertEquals("https://example.org/old/page?a=1",
                location(new RequestRedirect("https", null, null, 443, 302), "http", 80));
        assertEquals("https://example.org:8443/old/page?a=1",
                location(new RequestRedirect("https", null, null, 8443, 302), "http", 80));
    }

    @Test
    void pathModifiers() {
        assertEquals("http://example.org/new/page?a=1", location(new RequestRedirect(null, null,
                new PathModifier(PathModifier.Type.PREFIX, "/new"), null, 302), "http", 80));
        assertEquals("http://example.org/full?a=1", location(new RequestRedirect(null, null,
                new PathModifier(PathModifier.Type.FULL, "/full"), null, 302), "http", 80));
    }
}
