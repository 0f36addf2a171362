package dev.portolan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest
class ApiDocsTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void theOpenApiDocumentIsAtAStableUrl() {
        HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET("/openapi.yml"), String.class);
        assertEquals("application/yaml", response.getContentType().orElseThrow().getName());
        assertTrue(response.body().startsWith("openapi: 3"), response.body());
        assertTrue(response.body().contains("/api/v1/trace:"), "the document lists the API");
    }

    @Test
    void theBrowsableUiIsServedFromTheJar() {
        String page = client.toBlocking().retrieve(HttpRequest.GET("/api/docs"));
        assertTrue(page.contains("/api/docs/assets/swagger-ui-bundle.js"), page);
        assertTrue(!page.contains("http://") && !page.contains("https://"), "no CDN: " + page);
        String bundle = client.toBlocking().retrieve(HttpRequest.GET("/api/docs/assets/swagger-ui-bundle.js"));
        assertTrue(bundle.length() > 100_000 && bundle.contains("SwaggerUIBundle"), "the real bundle");
        assertTrue(client.toBlocking().retrieve(HttpRequest.GET("/api/docs/init.js")).contains("/openapi.yml"));
    }

    @Test
    void onlyKnownAssetsAreServed() {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(HttpRequest.GET("/api/docs/assets/..%2F..%2Fpom.properties")));
        assertEquals(404, error.getStatus().getCode());
    }
}
