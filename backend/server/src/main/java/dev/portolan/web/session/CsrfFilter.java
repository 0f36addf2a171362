package dev.portolan.web.session;

import dev.portolan.api.access.BrowserSessions;
import dev.portolan.api.access.RequestCredentials;
import dev.portolan.api.problem.ApiException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.core.order.Ordered;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Cross-site request forgery: a browser sends the session cookie with any request, so a write it authenticates
 * must prove it comes from our own page. Every state-changing request is refused when the browser says it comes
 * from another site ({@code Sec-Fetch-Site}) or another origin ({@code Origin}); one authenticated by the session
 * cookie must also carry the session's CSRF token as {@code X-CSRF-Token} (pages' forms check a form field
 * themselves). Requests with a bearer token carry no ambient credential and need no CSRF token.
 */
@ServerFilter({"/api/**", "/ui/**", "/proxy/**"})
public class CsrfFilter implements Ordered {
    public static final String HEADER = "X-CSRF-Token";

    @RequestFilter
    public void check(HttpRequest<?> request) {
        if (isSafe(request.getMethod())) {
            return;
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw refused("Sec-Fetch-Site", "a " + site + " request may not change anything here");
        }
        String origin = request.getHeaders().get("Origin");
        if (origin != null && !sameOrigin(origin, request.getHeaders().get("Host"))) {
            throw refused("Origin", "a request from another origin may not change anything here");
        }
        if (RequestCredentials.bearer(request).isPresent() || !request.getPath().startsWith("/api/")) {
            return;
        }
        Optional<BrowserSessions.Session> session = RequestCredentials.session(request);
        if (session.isPresent() && !matches(request.getHeaders().get(HEADER), session.get().csrfToken())) {
            throw refused(HEADER, "a write authenticated by the session cookie needs the session's CSRF token in "
                    + HEADER);
        }
    }

    /** Constant-time comparison of an offered CSRF token with the session's. */
    public static boolean matches(String offered, String expected) {
        return offered != null && MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            return uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isSafe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.TRACE;
    }

    private static ApiException refused(String field, String reason) {
        return new ApiException(HttpStatus.FORBIDDEN, (String) null, field, reason);
    }

    @Override
    public int getOrder() {
        return -100; // before the access rule: a forged request is refused whatever it carries
    }
}
