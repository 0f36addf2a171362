package dev.portolan.api.deprecation;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A deprecated operation announces itself on every answer, errors included; others do not. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeprecationFilterTest implements TestPropertyProvider {
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("portolan.manifests", Files.createTempDirectory("portolan-deprecation").toString(),
                    "portolan.audit.file", "none", "test.deprecation.controller", "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDeprecatedOperationSendsDeprecationSunsetAndLink() throws Exception {
        HttpResponse<String> answer = get("/api/v1/test-deprecated");
        assertEquals(200, answer.statusCode());
        assertEquals("@1796083200", answer.headers().firstValue("Deprecation").orElse(null));
        assertEquals("Tue, 01 Jun 2027 00:00:00 GMT", answer.headers().firstValue("Sunset").orElse(null));
        assertEquals("<https://portolan.dev/releases/0.2#deprecations>; rel=\"deprecation\"",
                answer.headers().firstValue("Link").orElse(null));
    }

    @Test
    void itsErrorsAreAnnouncedToo() throws Exception {
        HttpResponse<String> answer = get("/api/v1/test-deprecated/failing");
        assertEquals(400, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("@1796083200", answer.headers().firstValue("Deprecation").orElse(null));
        assertTrue(answer.headers().firstValue("Sunset").isEmpty(), "no removal date set");
    }

    @Test
    void operationsNotDeprecatedSendNoDeprecationHeader() throws Exception {
        HttpResponse<String> answer = get("/api/v1/summary");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Deprecation").isEmpty(), answer.headers().toString());
        assertTrue(get("/api/v1/no-such-path").headers().firstValue("Deprecation").isEmpty());
    }
}
