package dev.portolan.api.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every write, accepted or refused, as a JSON line in the audit file and on the dashboard's audit page. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogTest implements TestPropertyProvider {
    private static final String TOKEN = "audit-tests-token";
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: %s
              namespace: default
            spec:
              ports:
              - port: %d
            """;
    private final HttpClient http = HttpClient.newHttpClient();
    private Path file;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-audit");
            file = folder.resolve("logs").resolve("audit.log");
            return Map.of("portolan.manifests", folder.toString(), "portolan.api.write-token", TOKEN,
                    "portolan.audit.file", file.toString(), "test.audit.principal-header", "true");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body, boolean withToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("X-Test-Principal", "ci-bot")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/yaml");
        }
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> fileEntries() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            entries.add(Manifests.JSON.readTree(line));
        }
        return entries;
    }

    private List<JsonNode> entriesFor(String object) throws IOException {
        return fileEntries().stream().filter(e -> e.path("object").asText().contains(object)).toList();
    }

    @Test
    void everyWriteIsAJsonLineWithWhoWhatResultTimeAndClient() throws Exception {
        assertEquals(200, send("POST", "/api/v1/apply", SERVICE.formatted("audited", 80), true).statusCode());
        assertEquals(200, send("POST", "/api/v1/apply", SERVICE.formatted("audited", 80), true).statusCode());
        assertEquals(200, send("POST", "/api/v1/apply", SERVICE.formatted("audited", 81), true).statusCode());
        assertEquals(200, send("DELETE", "/api/v1/services/default/audited", null, true).statusCode());
        List<JsonNode> entries = entriesFor("Service/default/audited");
        assertEquals(List.of("created", "unchanged", "configured", "deleted"),
                entries.stream().map(e -> e.path("result").asText()).toList());
        JsonNode first = entries.get(0);
        assertEquals("ci-bot", first.path("principal").asText());
        assertEquals("apply", first.path("action").asText());
        assertEquals("delete", entries.get(3).path("action").asText());
        assertEquals(200, first.path("status").asInt());
        assertEquals("bearer", first.path("via").asText());
        assertEquals("127.0.0.1", first.path("client").asText());
        assertTrue(first.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), first.toString());
    }

    @Test
    void refusedWritesAreRecordedWithTheirStatus() throws Exception {
        assertEquals(401, send("POST", "/api/v1/apply", SERVICE.formatted("no-token", 80), false).statusCode());
        assertEquals(404, send("DELETE", "/api/v1/services/default/never-there", null, true).statusCode());
        assertEquals(422, send("POST", "/api/v1/apply", SERVICE.formatted("Bad_Name", 80), true).statusCode());
        List<JsonNode> refused = fileEntries().stream().filter(e -> e.path("result").asText().equals("refused"))
                .toList();
        assertTrue(refused.stream().anyMatch(e -> e.path("status").asInt() == 401
                && e.path("object").asText().equals("/api/v1/apply")), refused.toString());
        assertTrue(refused.stream().anyMatch(e -> e.path("status").asInt() == 404
                && e.path("object").asText().equals("/api/v1/services/default/never-there")), refused.toString());
        assertTrue(refused.stream().anyMatch(e -> e.path("status").asInt() == 422), refused.toString());
    }

    @Test
    void dryRunsAndTracesAreNotWrites() throws Exception {
        assertEquals(200, send("POST", "/api/v1/analyze", SERVICE.formatted("dry-run-only", 80), true).statusCode());
        assertEquals(200, send("POST", "/api/v1/apply?dryRun=true", SERVICE.formatted("dry-run-only", 80), true)
                .statusCode());
        assertTrue(entriesFor("dry-run-only").isEmpty());
        assertTrue(fileEntries().stream().noneMatch(e -> e.path("object").asText().contains("analyze")));
    }

    @Test
    void aHostilePathCannotForgeAnAuditLine() throws Exception {
        int before = Files.readAllLines(file).size();
        send("DELETE", "/api/v1/services/default/x%0A%7B%22result%22:%22deleted%22%7D", null, false);
        List<String> lines = Files.readAllLines(file);
        assertEquals(before + 1, lines.size(), "one entry, one line");
        JsonNode entry = Manifests.JSON.readTree(lines.get(lines.size() - 1));
        assertEquals("refused", entry.path("result").asText());
    }

    @Test
    void theAuditPageListsEntriesNewestFirst() throws Exception {
        assertEquals(200, send("POST", "/api/v1/apply", SERVICE.formatted("page-older", 80), true).statusCode());
        assertEquals(200, send("POST", "/api/v1/apply", SERVICE.formatted("page-newer", 80), true).statusCode());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/ui/audit"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        String html = page.body();
        int newer = html.indexOf("Service/default/page-newer");
        int older = html.indexOf("Service/default/page-older");
        assertTrue(newer > 0 && older > newer, "newest first");
        assertTrue(html.contains("ci-bot"));
        assertTrue(html.contains(file.toString()), "names the file");
        assertFalse(html.contains(TOKEN), "never shows a token");
    }
}
