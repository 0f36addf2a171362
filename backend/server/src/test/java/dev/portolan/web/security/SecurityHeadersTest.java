package dev.portolan.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every answer carries the security headers; pages carry no inline script for the CSP to block. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersTest implements TestPropertyProvider {
    private static final List<String> PAGES = List.of("/", "/ui/gateways", "/ui/httproutes", "/ui/backends",
            "/ui/policies", "/ui/policycrds", "/ui/referencegrants", "/ui/gatewayclasses",
            "/ui/gateways/default/example-gateway", "/ui/topology", "/ui/trace?gateway=default/example-gateway&path=/",
            "/ui/apply", "/ui/audit", "/ui/sign-in", "/ui/gateways/default/no-such-gateway");
    /** An inline script: a script element without src, an event-handler attribute, or a javascript: URL. */
    private static final Pattern INLINE_SCRIPT = Pattern.compile(
            "<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=|javascript:", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("\\sstyle\\s*=|<style", Pattern.CASE_INSENSITIVE);
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-headers");
            try (Stream<Path> files = Files.list(Path.of("../../deploy/examples/demo"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            return Map.of("portolan.manifests", folder.toString(), "portolan.audit.file", "none");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertHardened(HttpResponse<?> response, String policy) {
        String what = response.uri() + " " + response.statusCode();
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), what);
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null), what);
        assertEquals("same-origin", response.headers().firstValue("Referrer-Policy").orElse(null), what);
        assertEquals(policy, response.headers().firstValue("Content-Security-Policy").orElse(null), what);
    }

    @Test
    void everyPageIsHardenedAndHasNoInlineScriptOrStyle() throws Exception {
        for (String path : PAGES) {
            HttpResponse<String> page = get(path);
            assertTrue(page.statusCode() == 200 || page.statusCode() == 404, path + " " + page.statusCode());
            assertHardened(page, SecurityHeadersFilter.PAGE_POLICY);
            assertFalse(INLINE_SCRIPT.matcher(page.body()).find(), path + " has an inline script");
            assertFalse(STYLE_ATTRIBUTE.matcher(page.body()).find(), path + " has an inline style");
        }
    }

    @Test
    void thePolicyForbidsInlineScriptsFramingAndForeignForms() {
        String policy = SecurityHeadersFilter.PAGE_POLICY;
        for (String directive : List.of("default-src 'self'", "script-src 'self'", "object-src 'none'",
                "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'")) {
            assertTrue(policy.contains(directive), directive);
        }
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"));
    }

    @Test
    void assetsApiAnswersAndErrorsAreHardenedToo() throws Exception {
        for (String path : List.of("/ui/main.js", "/ui/portolan.css", "/api/v1/summary", "/api/v1/gateways",
                "/api/v1/gateways/default/nope", "/openapi.yml", "/health", "/no-such-path")) {
            assertHardened(get(path), SecurityHeadersFilter.PAGE_POLICY);
        }
    }

    @Test
    void swaggerUiHasItsOwnPolicyAndStillNoInlineScript() throws Exception {
        HttpResponse<String> docs = get("/api/docs");
        assertEquals(200, docs.statusCode());
        assertHardened(docs, SecurityHeadersFilter.API_DOCS_POLICY);
        assertFalse(INLINE_SCRIPT.matcher(docs.body()).find());
        assertFalse(SecurityHeadersFilter.API_DOCS_POLICY.contains("script-src 'self' 'unsafe"));
        assertEquals(200, get("/api/docs/init.js").statusCode());
    }
}
