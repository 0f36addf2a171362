package dev.portolan.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.snapshot.SnapshotService;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The write endpoints over HTTP on a real manifests folder: apply, delete, analyze, with the bearer token. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteApiTest implements TestPropertyProvider {
    private static final String TOKEN = "write-tests-token";
    private Path folder;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    SnapshotService snapshots;

    @Override
    public Map<String, String> getProperties() {
        try {
            folder = Files.createTempDirectory("portolan-write");
            Files.writeString(folder.resolve("gateway.yaml"), WriteFixtures.CLASS_AND_GATEWAY);
            Files.writeString(folder.resolve("shop.yaml"), WriteFixtures.ROUTE.formatted("shop", "shop") + "---\n"
                    + WriteFixtures.SERVICE.formatted("shop") + "---\n" + WriteFixtures.ROUTE.formatted("stock", "stock"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("portolan.manifests", folder.toString(), "portolan.api.write-token", TOKEN);
    }

    private JsonNode send(MutableHttpRequest<?> request) throws IOException {
        HttpResponse<String> response = client.toBlocking().exchange(request.bearerAuth(TOKEN), String.class);
        assertEquals(200, response.getStatus().getCode());
        return Manifests.JSON.readTree(response.body());
    }

    private JsonNode apply(String yaml) throws IOException {
        return send(HttpRequest.POST("/api/v1/apply", yaml).contentType("application/yaml"));
    }

    private JsonNode problem(MutableHttpRequest<?> request, int status) throws IOException {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request.bearerAuth(TOKEN), String.class));
        assertEquals(status, error.getStatus().getCode());
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().getName());
        return Manifests.JSON.readTree(error.getResponse().getBody(String.class).orElseThrow());
    }

    private boolean inSnapshot(String name) {
        return snapshots.current().store().byKey().containsKey(ResourceKey.of("", "Service", "default", name));
    }

    @Test
    void applyCreatesReplacesOrLeavesUnchangedAndTheSnapshotSeesItAtOnce() throws IOException {
        JsonNode created = apply(WriteFixtures.SERVICE.formatted("cart"));
        assertTrue(inSnapshot("cart"), "visible to a read right after the answer");
        JsonNode unchanged = apply(WriteFixtures.SERVICE.formatted("cart"));
        JsonNode configured = apply(WriteFixtures.SERVICE.formatted("cart").replace("8080", "9090"));

        JsonNode item = created.path("items").get(0);
        assertEquals("Service/default/cart", item.path("object").asText());
        assertEquals("created", item.path("action").asText());
        assertEquals(1, item.path("generation").asLong());
        assertTrue(created.path("visible").asBoolean());
        assertEquals("unchanged", unchanged.at("/items/0/action").asText());
        assertEquals(item.path("resourceVersion").asText(), unchanged.at("/items/0/resourceVersion").asText());
        assertEquals("configured", configured.at("/items/0/action").asText());
        assertEquals(2, configured.at("/items/0/generation").asLong());
        assertFalse(item.path("resourceVersion").asText().equals(configured.at("/items/0/resourceVersion").asText()));
        assertEquals(9090, snapshots.current().store().byKey().get(ResourceKey.of("", "Service", "default", "cart"))
                .manifest().at("/spec/ports/0/port").asInt());
    }

    @Test
    void manyDocumentsInYamlOrAJsonArray() throws IOException {
        JsonNode yaml = apply(WriteFixtures.SERVICE.formatted("multi-a") + "---\n"
                + WriteFixtures.SERVICE.formatted("multi-b"));
        JsonNode json = send(HttpRequest.POST("/api/v1/apply", "[{\"apiVersion\":\"v1\",\"kind\":\"Service\","
                + "\"metadata\":{\"name\":\"multi-c\"},\"spec\":{\"ports\":[{\"port\":80}]}}]")
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        assertEquals(List.of("Service/default/multi-a", "Service/default/multi-b"),
                yaml.path("items").findValuesAsText("object"));
        assertEquals("created", json.at("/items/0/action").asText());
        assertTrue(inSnapshot("multi-a") && inSnapshot("multi-b") && inSnapshot("multi-c"));
    }

    @Test
    void anInvalidDocumentIsA400NamingItAndNothingIsApplied() throws IOException {
        String body = WriteFixtures.SERVICE.formatted("never") + "---\n"
                + WriteFixtures.SERVICE.formatted("bad").replace("port: 8080", "port: [1]");
        JsonNode problem = problem(HttpRequest.POST("/api/v1/apply", body).contentType("application/yaml"), 400);

        assertEquals("Service/default/bad", problem.path("object").asText());
        assertEquals("spec.ports[0].port", problem.path("field").asText());
        assertTrue(problem.path("reason").asText().startsWith("document 2 of 2"), problem.toString());
        assertFalse(inSnapshot("never"));
        assertFalse(Files.readString(folder.resolve("shop.yaml")).contains("never"));
    }

    @Test
    void aStaleResourceVersionIsA409NamingObjectAndField() throws IOException {
        String current = apply(WriteFixtures.SERVICE.formatted("versioned")).at("/items/0/resourceVersion").asText();
        String stale = WriteFixtures.SERVICE.formatted("versioned").replace("namespace: default",
                "namespace: default\n  resourceVersion: \"1" + current + "\"");
        JsonNode problem = problem(HttpRequest.POST("/api/v1/apply", stale).contentType("application/yaml"), 409);
        JsonNode ok = apply(stale.replace("\"1" + current + "\"", "\"" + current + "\"").replace("8080", "8181"));

        assertEquals("Service/default/versioned", problem.path("object").asText());
        assertEquals("metadata.resourceVersion", problem.path("field").asText());
        assertTrue(problem.path("reason").asText().contains("stale"), problem.toString());
        assertEquals("configured", ok.at("/items/0/action").asText());
    }

    @Test
    void deleteAnswers200Then404AndAStalePreconditionIs409() throws IOException {
        apply(WriteFixtures.SERVICE.formatted("doomed") + "---\n" + WriteFixtures.SERVICE.formatted("guarded"));

        JsonNode deleted = send(HttpRequest.DELETE("/api/v1/backends/default/doomed"));
        assertFalse(inSnapshot("doomed"), "gone for a read right after the answer");
        JsonNode missing = problem(HttpRequest.DELETE("/api/v1/backends/default/doomed"), 404);
        JsonNode stale = problem(HttpRequest.DELETE("/api/v1/objects/core/Service/default/guarded?resourceVersion=0"),
                409);
        JsonNode unknownKind = problem(HttpRequest.DELETE("/api/v1/widgets/default/x"), 404);

        assertEquals("deleted", deleted.at("/items/0/action").asText());
        assertEquals("Service/default/doomed", missing.path("object").asText());
        assertEquals("metadata.resourceVersion", stale.path("field").asText());
        assertTrue(inSnapshot("guarded"));
        assertTrue(unknownKind.path("reason").asText().contains("widgets"));
    }

    @Test
    void analyzeShowsAnIntroducedIssueWithoutWriting() throws IOException {
        JsonNode analysis = send(HttpRequest.POST("/api/v1/analyze", WriteFixtures.ROUTE.formatted("orders", "orders"))
                .contentType("application/yaml"));
        JsonNode dryRun = send(HttpRequest.POST("/api/v1/apply?dryRun=true",
                WriteFixtures.ROUTE.formatted("orders", "orders")).contentType("application/yaml"));

        assertEquals("create", analysis.at("/changes/0/action").asText());
        assertEquals("HTTPRoute/default/orders", analysis.at("/changes/0/object").asText());
        assertTrue(reasons(analysis, "issuesIntroduced", "HTTPRoute/default/orders").contains("BackendNotFound"),
                analysis.toString());
        assertTrue(reasons(analysis, "issuesUnchanged", "HTTPRoute/default/stock").contains("BackendNotFound"));
        assertEquals(analysis, dryRun);
        assertFalse(snapshots.current().store().byKey().containsKey(
                ResourceKey.of("gateway.networking.k8s.io", "HTTPRoute", "default", "orders")));
    }

    @Test
    void analyzeShowsAFixedIssueAndDeletionsInYaml() throws IOException {
        JsonNode fixed = send(HttpRequest.POST("/api/v1/analyze", WriteFixtures.SERVICE.formatted("stock"))
                .contentType("application/yaml"));
        HttpResponse<String> deletion = client.toBlocking().exchange(HttpRequest.POST("/api/v1/analyze?delete=true",
                        WriteFixtures.SERVICE.formatted("shop")).contentType("application/yaml")
                .accept("application/yaml").bearerAuth(TOKEN), String.class);
        JsonNode deleted = Manifests.YAML.readTree(deletion.body());

        assertTrue(reasons(fixed, "issuesFixed", "HTTPRoute/default/stock").contains("BackendNotFound"),
                fixed.toString());
        assertEquals(0, fixed.path("issuesIntroduced").size());
        assertEquals("application/yaml", deletion.getContentType().orElseThrow().getName());
        assertEquals("delete", deleted.at("/changes/0/action").asText());
        assertTrue(reasons(deleted, "issuesIntroduced", "HTTPRoute/default/shop").contains("BackendNotFound"));
        assertTrue(inSnapshot("shop"));
    }

    private static List<String> reasons(JsonNode analysis, String list, String object) {
        return java.util.stream.StreamSupport.stream(analysis.path(list).spliterator(), false)
                .filter(issue -> issue.path("object").asText().equals(object))
                .map(issue -> issue.path("reason").asText()).toList();
    }
}
