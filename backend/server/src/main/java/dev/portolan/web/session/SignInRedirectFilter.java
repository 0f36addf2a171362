package dev.portolan.web.session;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A browser opening a page it may not see (the access rule answered 401 or 403) is sent to the sign-in page, which
 * brings it back afterwards; scripts and API clients (no {@code text/html} in Accept) keep the problem+json answer.
 */
@ServerFilter("/**")
public class SignInRedirectFilter implements Ordered {
    @ResponseFilter
    public void redirect(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        boolean refused = status == 401 || status == 403;
        if (!refused || !wantsPage(request) || request.getPath().equals(SignInController.PATH)) {
            return;
        }
        String next = request.getUri().getRawPath()
                + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery());
        response.status(HttpStatus.SEE_OTHER);
        response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        response.getHeaders().set(HttpHeaders.LOCATION,
                SignInController.PATH + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        response.body(null);
    }

    /** A top-level navigation: GET asking for HTML first. */
    static boolean wantsPage(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.GET) {
            return false;
        }
        // Exactly text/html first, as browsers ask for pages; a wildcard (curl's */*) is a script or a proxy, which
        // must get the problem+json answer, not a redirect to a form.
        return request.getHeaders().accept().stream().findFirst()
                .map(type -> MediaType.TEXT_HTML.equals(type.getName())).orElse(false);
    }

    @Override
    public int getOrder() {
        return -200; // outside the access rule, so it sees the rule's refusal
    }
}
