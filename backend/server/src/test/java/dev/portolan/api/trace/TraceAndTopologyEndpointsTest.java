package dev.portolan.api.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.model.Manifests;
import dev.portolan.testing.ScenarioInputs;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The tracer and topology endpoints over HTTP on a real manifests folder holding the demo manifests. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "portolan.api.write-token", value = "trace-test-token")
class TraceAndTopologyEndpointsTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ConfigPublisher publisher;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-trace");
            Path demo = ScenarioInputs.repoRoot().resolve("deploy/examples/demo");
            try (var files = Files.list(demo)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            return Map.of("portolan.manifests", folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode json(MutableHttpRequest<?> request) throws IOException {
        HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
        assertEquals(MediaType.APPLICATION_JSON, response.getContentType().orElseThrow().getName());
        return Manifests.JSON.readTree(response.body());
    }

    private JsonNode problem(MutableHttpRequest<?> request, int status) throws IOException {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, String.class));
        assertEquals(status, error.getStatus().getCode());
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().getName());
        return Manifests.JSON.readTree(error.getResponse().getBody(String.class).orElseThrow());
    }

    @Test
    void postTraceAnswersWithTheMatchTimeoutsAndConfigVersion() throws IOException {
        JsonNode trace = json(HttpRequest.POST("/api/v1/trace", """
                {"gateway": "default/example-gateway", "host": "www.example.com", "method": "GET",
                 "path": "/timeout/x", "headers": {"x-a": "1", "x-b": ["2", "3"]}}""")
                .contentType(MediaType.APPLICATION_JSON));

        assertEquals(publisher.current().version(), trace.path("configVersion").asText());
        assertEquals("timeout-example", trace.at("/route/name").asText());
        assertEquals("10s", trace.at("/timeouts/request/value").asText());
        assertEquals("2s", trace.at("/timeouts/backendRequest/value").asText());
        assertEquals("3", trace.at("/request/headers/x-b/1").asText());
    }

    @Test
    void getTraceTakesQueryParametersAndShowsBackendTls() throws IOException {
        JsonNode trace = json(HttpRequest.GET("/api/v1/trace?gateway=default/example-gateway&host=auth.example.com"
                + "&path=" + URLEncoder.encode("/login?next=/", StandardCharsets.UTF_8) + "&header=X-Env:canary"));

        assertEquals("auth", trace.at("/route/name").asText());
        assertEquals("next=/", trace.at("/request/query").asText());
        assertEquals("canary", trace.at("/request/headers/X-Env/0").asText());
        assertEquals("auth.example.com", trace.at("/backends/0/tls/sni").asText());
        assertEquals("default/auth-cert", trace.at("/backends/0/tls/caSources/0/configMap").asText());
    }

    @Test
    void traceAnswersInYaml() {
        HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET(
                "/api/v1/trace?gateway=default/hello-world&host=h&path=/").accept("application/yaml"), String.class);
        assertEquals("application/yaml", response.getContentType().orElseThrow().getName());
        assertTrue(response.body().contains("name: \"echo\"") || response.body().contains("name: echo"),
                response.body());
        assertTrue(response.body().contains("TimeoutPolicy default/hello-world-cap"), response.body());
    }

    @Test
    void badTraceInputIsAProblemNamingTheField() throws IOException {
        assertEquals("gateway", problem(HttpRequest.GET("/api/v1/trace?gateway=default/nope&path=/"), 400)
                .path("field").asText());
        assertEquals("port", problem(HttpRequest.GET(
                "/api/v1/trace?gateway=default/example-gateway&port=9999&path=/"), 400).path("field").asText());
        assertEquals("path", problem(HttpRequest.POST("/api/v1/trace", "{\"gateway\": \"default/hello-world\"}")
                .contentType(MediaType.APPLICATION_JSON), 400).path("field").asText());
        JsonNode notJson = problem(HttpRequest.POST("/api/v1/trace", "{not json")
                .contentType(MediaType.APPLICATION_JSON), 400);
        assertFalse(notJson.toString().contains("at dev.portolan"), notJson.toString());
    }

    @Test
    void topologyAnswersInJsonAndFiltersByFor() throws IOException {
        JsonNode all = json(HttpRequest.GET("/api/v1/topology"));
        assertEquals("GatewayClass/portolan", all.at("/nodes/0/id").asText());
        assertTrue(all.path("snapshotVersion").asLong() > 0);

        JsonNode auth = json(HttpRequest.GET("/api/v1/topology?for=httproute/default/auth"));
        assertEquals(6, auth.path("nodes").size(), auth.toPrettyString());
        assertTrue(auth.path("edges").toString().contains("\"type\":\"policy\""));

        JsonNode none = json(HttpRequest.GET("/api/v1/topology?namespace=nowhere"));
        assertEquals(0, none.path("nodes").size());

        assertEquals("for", problem(HttpRequest.GET("/api/v1/topology?for=httproute/default/none"), 404)
                .path("field").asText());
        assertEquals("for", problem(HttpRequest.GET("/api/v1/topology?for=widget/x"), 400).path("field").asText());
    }

    @Test
    void topologyAnswersInYamlAndDot() {
        HttpResponse<String> yaml = client.toBlocking().exchange(HttpRequest.GET("/api/v1/topology")
                .accept("application/yaml"), String.class);
        assertEquals("application/yaml", yaml.getContentType().orElseThrow().getName());
        assertTrue(yaml.body().contains("snapshotVersion:"), yaml.body());

        HttpResponse<String> dot = client.toBlocking().exchange(HttpRequest.GET("/api/v1/topology")
                .accept("text/vnd.graphviz"), String.class);
        assertEquals("text/vnd.graphviz", dot.getContentType().orElseThrow().getName());
        assertTrue(dot.body().startsWith("digraph \"portolan\" {"), dot.body());

        String byFormat = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/topology?format=dot"));
        assertTrue(byFormat.contains("rankdir=LR;"));
        assertTrue(byFormat.contains("style=dashed"));
    }
}
