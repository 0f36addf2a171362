package dev.portolan.web.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Only a browser navigation is sent to the sign-in form; curl, scripts and proxies get the problem answer. */
class SignInRedirectFilterTest {

    @Test
    void aBrowserNavigationWantsThePage() {
        assertTrue(SignInRedirectFilter.wantsPage(HttpRequest.GET("/ui/gateways")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")));
    }

    @Test
    void wildcardsJsonAndNonGetRequestsDoNot() {
        assertFalse(SignInRedirectFilter.wantsPage(HttpRequest.GET("/proxy/v1/config").header("Accept", "*/*")));
        assertFalse(SignInRedirectFilter.wantsPage(HttpRequest.GET("/api/v1/summary")
                .header("Accept", "application/json")));
        assertFalse(SignInRedirectFilter.wantsPage(HttpRequest.GET("/api/v1/summary")));
        assertFalse(SignInRedirectFilter.wantsPage(HttpRequest.POST("/ui/apply", "").header("Accept", "text/html")));
    }
}
