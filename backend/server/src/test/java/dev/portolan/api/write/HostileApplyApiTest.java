package dev.portolan.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.store.file.FileStore;
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
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The apply endpoint over real HTTP against hostile input: paths out of the folder, names and kinds the API server
 * refuses, duplicate keys, oversized and expensive bodies, and a broken Secret in the folder. Every refusal is
 * problem+json naming the field; nothing is written outside the folder; time bounds are generous (2 busy cores).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileApplyApiTest implements TestPropertyProvider {
    private static final String TOKEN = "hostile-tests-token";
    private static final long BOUND_MILLIS = 2000;
    private static final String SECRET_VALUE = "hunter2-do-not-show";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Path folder;
    private Path outside;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            folder = Files.createTempDirectory("portolan-hostile");
            outside = Files.createTempDirectory("portolan-outside");
            Files.writeString(folder.resolve("gateway.yaml"), WriteFixtures.CLASS_AND_GATEWAY);
            Files.writeString(outside.resolve("existing.yaml"), "untouched\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.start();
        ((Logger) LoggerFactory.getLogger(FileStore.class)).addAppender(log);
        return Map.of("portolan.manifests", folder.toString(), "portolan.api.write-token", TOKEN);
    }

    @AfterAll
    void detachLog() {
        ((Logger) LoggerFactory.getLogger(FileStore.class)).detachAppender(log);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode problem(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        return Manifests.JSON.readTree(response.body());
    }

    private static String serviceJson(String namespace, String name) {
        ObjectNode service = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Service");
        service.putObject("metadata").put("name", name).put("namespace", namespace);
        service.putObject("spec").putArray("ports").addObject().put("port", 80);
        return service.toString();
    }

    private List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.portolan/")).toList();
        }
    }

    @Test
    void aNamespaceOrNameLeadingOutOfTheFolderIs422AndNothingIsWritten() throws Exception {
        List<Path> before = filesUnder(folder);

        JsonNode byNamespace = problem(post("/api/v1/apply", "application/json", serviceJson(outside.toString(),
                "x")), 422);
        JsonNode byName = problem(post("/api/v1/apply", "application/json", serviceJson("default",
                "x/../../../" + outside.getFileName() + "/existing")), 422);

        assertEquals("metadata.namespace", byNamespace.path("field").asText());
        assertEquals("metadata.name", byName.path("field").asText());
        assertTrue(byName.path("object").asText().startsWith("Service/default/"), byName.toPrettyString());
        assertEquals(List.of(outside.resolve("existing.yaml")), filesUnder(outside));
        assertEquals("untouched\n", Files.readString(outside.resolve("existing.yaml")));
        assertEquals(before, filesUnder(folder));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/b", "Upper", "ünicode", "emoji-\uD83D\uDE00", "rtl-\u202Eevil", "new\nline",
            "nul\u0000byte", "tab\tname", "-leading", "trailing-"})
    void namesTheApiServerRefusesAre422NamingMetadataName(String name) throws Exception {
        List<Path> before = filesUnder(folder);

        JsonNode problem = problem(post("/api/v1/apply", "application/json", serviceJson("default", name)), 422);

        assertEquals("metadata.name", problem.path("field").asText(), problem.toPrettyString());
        assertFalse(problem.path("object").asText().chars().anyMatch(c -> c < 0x20), "no raw control characters");
        assertEquals(before, filesUnder(folder));
    }

    @Test
    void overLongNamesAndBadLabelsAre422NamingTheField() throws Exception {
        JsonNode longName = problem(post("/api/v1/apply", "application/json",
                serviceJson("default", "a".repeat(64))), 422);
        String configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  labels:
                    "%s": "%s"
                """;
        JsonNode longSubdomain = problem(post("/api/v1/apply", "application/yaml",
                configMap.formatted("a".repeat(254), "app", "x")), 422);
        JsonNode labelKey = problem(post("/api/v1/apply", "application/yaml",
                configMap.formatted("c", "bad key", "x")), 422);
        JsonNode labelValue = problem(post("/api/v1/apply", "application/yaml",
                configMap.formatted("c", "app", "v".repeat(64))), 422);

        assertEquals("metadata.name", longName.path("field").asText());
        assertTrue(longName.path("detail").asText().contains("63"), longName.toPrettyString());
        assertEquals("metadata.name", longSubdomain.path("field").asText());
        assertEquals("metadata.labels[bad key]", labelKey.path("field").asText());
        assertEquals("metadata.labels[app]", labelValue.path("field").asText());
    }

    @Test
    void unservedVersionsAndKindsAre422AndInstalledCrdsServeTheirs() throws Exception {
        String gateway = WriteFixtures.CLASS_AND_GATEWAY.split("---\n")[1];
        JsonNode version = problem(post("/api/v1/apply", "application/yaml",
                gateway.replace("gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v9")), 422);
        JsonNode kind = problem(post("/api/v1/apply", "application/yaml",
                gateway.replace("kind: Gateway", "kind: Gateways")), 422);
        JsonNode group = problem(post("/api/v1/apply", "application/yaml",
                "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"), 422);
        HttpResponse<String> withCrd = post("/api/v1/apply", "application/yaml", """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets}
                  versions:
                  - {name: v1, served: true, storage: true}
                """);
        HttpResponse<String> widget = post("/api/v1/apply", "application/yaml",
                "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        HttpResponse<String> timeoutPolicy = post("/api/v1/apply", "application/yaml",
                "apiVersion: gateway.portolan.dev/v1alpha1\nkind: TimeoutPolicy\nmetadata:\n  name: t\n");

        assertEquals("apiVersion", version.path("field").asText());
        assertTrue(version.path("detail").asText().contains("\"v9\""), version.toPrettyString());
        assertEquals("kind", kind.path("field").asText());
        assertEquals("apiVersion", group.path("field").asText());
        assertEquals(200, withCrd.statusCode(), withCrd.body());
        assertEquals(200, widget.statusCode(), widget.body());
        assertEquals(200, timeoutPolicy.statusCode(), timeoutPolicy.body());
    }

    @Test
    void duplicateKeysAre400NamingTheKey() throws Exception {
        JsonNode yaml = problem(post("/api/v1/apply", "application/yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n  name: e\n"), 400);
        JsonNode json = problem(post("/api/v1/apply", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"d\"},"
                        + "\"data\":{\"k\":\"1\",\"k\":\"2\"}}"), 400);

        assertEquals("metadata.name", yaml.path("field").asText(), yaml.toPrettyString());
        assertEquals("data.k", json.path("field").asText(), json.toPrettyString());
        assertTrue(json.path("detail").asText().contains("duplicate key \"k\""), json.toPrettyString());
    }

    @Test
    void aBodyOver3MiBIs413ProblemJsonBeforeParsing() throws Exception {
        String tenMegabytes = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: "
                + "x".repeat(10 * 1024 * 1024) + "\n";
        long start = System.nanoTime();
        JsonNode problem = problem(post("/api/v1/apply", "application/yaml", tenMegabytes), 413);
        long took = (System.nanoTime() - start) / 1_000_000;

        assertEquals(413, problem.path("status").asInt());
        assertTrue(took < BOUND_MILLIS, "10 MB body answered in " + took + " ms");
    }

    @Test
    void aChunkedBodyWithoutLengthIsCutOffAt3MiBToo() throws Exception {
        byte[] tenMegabytes = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  k: "
                + "x".repeat(10 * 1024 * 1024) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/apply"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/yaml")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(tenMegabytes)))
                .build(), HttpResponse.BodyHandlers.ofString());
        long took = (System.nanoTime() - start) / 1_000_000;

        assertEquals(413, problem(response, 413).path("status").asInt());
        assertTrue(took < BOUND_MILLIS, "chunked 10 MB body answered in " + took + " ms");
    }

    @Test
    void expensiveBodiesUnderTheLimitCostMilliseconds() throws Exception {
        StringBuilder laughs = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: l\ndata:\n"
                + "  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            laughs.append("  ").append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", Collections.nCopies(9, "*" + (char) (c - 1)))).append("]\n");
        }
        String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n\ndata:\n  k: "
                + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        String scalar = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\ndata:\n  k: \""
                + "x".repeat(2_900 * 1024) + "\"\n";
        // a valid 2 MiB apply: two values of 1,000 KiB each
        String twoMegabytes = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two-mb\ndata:\n  a: "
                + "a".repeat(1000 * 1024) + "\n  b: " + "b".repeat(1000 * 1024) + "\n";

        for (Map.Entry<String, String> body : Map.of("billion laughs", laughs.toString(), "10,000-deep", deep,
                "2.9 MiB scalar", scalar).entrySet()) {
            long start = System.nanoTime();
            JsonNode problem = problem(post("/api/v1/apply", "application/yaml", body.getValue()), 400);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertTrue(took < BOUND_MILLIS, body.getKey() + " answered in " + took + " ms");
            assertFalse(problem.path("detail").asText().contains("lol,lol"), problem.toPrettyString());
        }
        long start = System.nanoTime();
        HttpResponse<String> applied = post("/api/v1/apply", "application/yaml", twoMegabytes);
        long took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, applied.statusCode(), applied.body());
        assertTrue(took < BOUND_MILLIS, "2 MiB apply took " + took + " ms");
    }

    @Test
    void aBodyOfMoreThan5000ObjectsIsRefusedBeforeAnyWrite() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 5000; i++) {
            many.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: many-").append(i).append('\n');
        }
        long start = System.nanoTime();
        JsonNode problem = problem(post("/api/v1/apply", "application/yaml", many.toString()), 400);
        long took = (System.nanoTime() - start) / 1_000_000;

        assertEquals("body", problem.path("field").asText());
        assertTrue(problem.path("detail").asText().contains("more than 5000"), problem.toPrettyString());
        assertTrue(took < BOUND_MILLIS, took + " ms");
        assertFalse(Files.exists(folder.resolve("default/configmap-many-0.yaml")));
    }

    @Test
    void aBrokenSecretFileIsReportedWithoutItsValueOnTheOverviewTheSummaryAndTheLog() throws Exception {
        Files.writeString(folder.resolve("secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  password: "%s
                """.formatted(SECRET_VALUE));

        JsonNode summary = awaitSummary(s -> s.path("loadProblems").toString().contains("secret.yaml"));
        String overview = get("/").body();
        List<String> logLines = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("secret.yaml")).toList();

        JsonNode problem = Manifests.JSON.readTree(summary.path("loadProblems").toString()).get(0);
        assertEquals("secret.yaml", problem.path("file").asText());
        assertTrue(problem.path("line").asInt() >= 6, problem.toPrettyString());
        assertFalse(summary.toString().contains(SECRET_VALUE), summary.toPrettyString());
        assertTrue(overview.contains("secret.yaml"), "the overview names the file");
        assertFalse(overview.contains(SECRET_VALUE), "the overview does not show the value");
        assertFalse(logLines.isEmpty(), "the log names the file");
        assertTrue(logLines.stream().noneMatch(line -> line.contains(SECRET_VALUE)), logLines.toString());
    }

    private JsonNode awaitSummary(Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode summary = Manifests.JSON.readTree(get("/api/v1/summary").body());
        while (!condition.test(summary) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            summary = Manifests.JSON.readTree(get("/api/v1/summary").body());
        }
        assertTrue(condition.test(summary), summary.toPrettyString());
        return summary;
    }
}
