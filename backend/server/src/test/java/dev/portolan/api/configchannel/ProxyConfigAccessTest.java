package dev.portolan.api.configchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A provisioned proxy asks for its Gateway's config with its own token; the proxy authenticator (Kubernetes mode:
 * TokenReview) decides. Loopback is not trusted here, as behind a mesh sidecar, so the test client is a remote one.
 */
@MicronautTest(environments = ProxyConfigAccessTest.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyConfigAccessTest implements TestPropertyProvider {
    static final String ENVIRONMENT = "proxy-authentication-test";
    private static final String API_TOKEN = "api-token-for-tests";

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-proxy-access");
            try (Stream<Path> files = Files.list(Path.of("../../deploy/examples/demo"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            return Map.of("portolan.manifests", folder.toString(), "portolan.proxy.enabled", "false",
                    "portolan.api.trust-loopback", "false", "portolan.api.write-token", API_TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode problem(MutableHttpRequest<?> request, int status) throws IOException {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, String.class));
        assertEquals(status, error.getStatus().getCode());
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().getName());
        return Manifests.JSON.readTree(error.getResponse().getBody(String.class).orElseThrow());
    }

    @Test
    void aProxyReadsOnlyItsGatewaysConfigWithItsToken() throws IOException {
        var response = client.toBlocking().exchange(
                HttpRequest.GET("/proxy/v1/config?gateway=default/hello-world").bearerAuth("token-of-hello-world"),
                String.class);
        JsonNode config = Manifests.JSON.readTree(response.body());
        assertEquals(1, config.path("gateways").size(), response.body());
        assertEquals("hello-world", config.at("/gateways/0/name").asText());
        assertEquals("\"" + config.path("version").asText() + "\"", response.getHeaders().get("ETag"));
    }

    @Test
    void aGatewayNotProgrammedGetsAnEmptyConfigNotAnError() throws IOException {
        var response = client.toBlocking().exchange(
                HttpRequest.GET("/proxy/v1/config?gateway=default/gone").bearerAuth("token-of-gone"), String.class);
        assertEquals(0, Manifests.JSON.readTree(response.body()).path("gateways").size(), response.body());
    }

    @Test
    void anotherGatewaysTokenIsRefusedWithTheAuthenticatorsReason() throws IOException {
        JsonNode body = problem(HttpRequest.GET("/proxy/v1/config?gateway=default/example-gateway")
                .bearerAuth("token-of-hello-world"), 403);
        assertTrue(body.path("detail").asText().contains("Gateway default/example-gateway"), body.toString());
        assertEquals("Authorization", body.path("field").asText());
    }

    @Test
    void withoutAGatewayOnlyAnApiTokenReadsTheWholeConfig() throws IOException {
        problem(HttpRequest.GET("/proxy/v1/config").bearerAuth("token-of-hello-world"), 401);
        var whole = client.toBlocking().exchange(HttpRequest.GET("/proxy/v1/config").bearerAuth(API_TOKEN),
                String.class);
        assertEquals(2, Manifests.JSON.readTree(whole.body()).path("gateways").size(), whole.body());
    }

    @Test
    void anAuthenticatorOutOfReviewBudgetIsA429WithRetryAfter() throws IOException {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/proxy/v1/config?gateway=default/hello-world")
                        .bearerAuth("throttled"), String.class));
        assertEquals(429, error.getStatus().getCode());
        assertEquals("3", error.getResponse().getHeaders().get("Retry-After"));
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().getName());
        JsonNode body = Manifests.JSON.readTree(error.getResponse().getBody(String.class).orElseThrow());
        assertEquals(429, body.path("status").asInt());
        assertTrue(body.path("detail").asText().contains("too many proxy tokens"), body.toString());
    }

    @Test
    void aMalformedGatewayIsABadRequestNamingTheParameter() throws IOException {
        JsonNode body = problem(HttpRequest.GET("/proxy/v1/config?gateway=no-slash").bearerAuth(API_TOKEN), 400);
        assertEquals("gateway", body.path("field").asText());
    }

    @Test
    void loopbackIsNotTrustedWhenConfiguredSo() throws IOException {
        JsonNode body = problem(HttpRequest.GET("/api/v1/summary"), 401);
        assertTrue(body.path("detail").asText().contains("viewer or editor"), body.toString());
    }
}
