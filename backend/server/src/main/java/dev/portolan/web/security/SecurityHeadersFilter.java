package dev.portolan.web.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers that keep browsers from running, framing or sniffing what they should not, on every answer (pages, static
 * assets, API answers and error answers alike). Pages load scripts and styles only from this origin: the web-ui
 * bundle has no inline script, and scripts set styles through the CSSOM, which CSP allows.
 */
@ServerFilter("/**")
public class SecurityHeadersFilter implements Ordered {
    /** The dashboard's policy: nothing inline, nothing from elsewhere, no framing, forms post only here. */
    public static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    /** Swagger UI (from its webjar) sets inline styles and uses data: images; it still runs no inline script. */
    public static final String API_DOCS_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("X-Frame-Options", "DENY");
        String path = request.getPath();
        boolean apiDocs = path.equals("/api/docs") || path.startsWith("/api/docs/");
        headers.set("Content-Security-Policy", apiDocs ? API_DOCS_POLICY : PAGE_POLICY);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE; // outermost: error answers of inner filters get the headers too
    }
}
