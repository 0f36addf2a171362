package dev.portolan.api.access;

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
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One access policy for every path, tried as a client that is not trusted by address (trust-loopback off, as
 * behind a sidecar): issue 11's finding 5 (dashboard, object pages and OpenAPI readable without a token), roles,
 * the tokens file reloaded without restart, WWW-Authenticate, and the principal left for the audit log.
 */
@MicronautTest(environments = AccessPolicyTest.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessPolicyTest implements TestPropertyProvider {
    static final String ENVIRONMENT = "access-policy-test";
    static final String WRITE_TOKEN = "write-token-of-access-policy-test";
    static final String VIEWER = "viewer-token-0123456789";
    static final String EDITOR = "editor-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    private Path tokensFile;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-access");
            try (Stream<Path> files = Files.list(Path.of("../../deploy/examples/demo"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            tokensFile = Files.createTempFile("portolan-tokens", ".txt");
            Files.writeString(tokensFile, """
                    # name role token
                    alice viewer %s
                    bob   editor %s
                    short editor tooshort
                    """.formatted(VIEWER, EDITOR));
            return Map.of("portolan.manifests", folder.toString(), "portolan.proxy.enabled", "false",
                    "portolan.api.trust-loopback", "false", "portolan.api.write-token", WRITE_TOKEN,
                    "portolan.api.tokens-file", tokensFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/yaml");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    /** Finding 5: with trust-loopback off these answered 200 without a token. */
    @ParameterizedTest
    @ValueSource(strings = {"/", "/ui/gateways", "/ui/httproutes/default/echo", "/ui/trace", "/openapi.yml",
            "/api/docs", "/api/v1/summary", "/api/v1/httproutes/default/echo", "/proxy/v1/config",
            "/ui/no-such-page", "/api/v1/no-such-thing"})
    void everyPathButHealthNeedsAToken(String path) throws Exception {
        HttpResponse<String> refused = get(path, null);
        assertEquals(401, refused.statusCode(), path + ": " + refused.body());
        assertEquals(List.of("Bearer realm=\"portolan\""), refused.headers().allValues("WWW-Authenticate"));
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertFalse(refused.body().contains("echo-"), "no object data in the refusal: " + refused.body());
        int withViewer = get(path, VIEWER).statusCode();
        assertTrue(withViewer != 401 && withViewer != 403 && withViewer != 421,
                path + " with a viewer token: " + withViewer);
    }

    @Test
    void theEventStreamNeedsATokenToo() throws Exception {
        HttpResponse<String> refused = get("/api/v1/events", null);
        assertEquals(401, refused.statusCode(), refused.body());
    }

    @Test
    void healthAndTheDashboardsOwnAssetsNeedNone() throws Exception {
        assertEquals(200, get("/health", null).statusCode());
        HttpResponse<String> script = get("/ui/main.js", null);
        assertTrue(script.statusCode() == 200 || script.statusCode() == 404, "an asset is public: " + script);
        assertEquals(401, get("/ui/httproutes/default/echo.js", null).statusCode(),
                "a deeper /ui path ending in .js is an object page, not an asset");
    }

    @Test
    void aWrongTokenIsRefusedAsInvalidEvenForReads() throws Exception {
        HttpResponse<String> refused = get("/api/v1/summary", "not-a-token-anyone-has");
        assertEquals(401, refused.statusCode());
        assertEquals("Bearer realm=\"portolan\", error=\"invalid_token\"",
                refused.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(401, get("/api/v1/summary", "tooshort").statusCode(), "a refused line grants nothing");
    }

    @Test
    void aViewerReadsButMayNotWriteAndIsToldTheRoleNeeded() throws Exception {
        assertEquals(200, get("/api/v1/httproutes", VIEWER).statusCode());
        HttpResponse<String> write = send("POST", "/api/v1/apply?dryRun=true", VIEWER,
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: viewer-was-here}\n");
        assertEquals(403, write.statusCode(), write.body());
        JsonNode problem = Manifests.JSON.readTree(write.body());
        assertTrue(problem.path("detail").asText().contains("role editor"), write.body());
        assertTrue(problem.path("detail").asText().contains("'alice' has role viewer"), write.body());
        assertEquals(403, send("DELETE", "/api/v1/namespaces/default", VIEWER, null).statusCode());
    }

    @Test
    void editorsAndTheWriteTokenWrite() throws Exception {
        String namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: editor-was-here}\n";
        assertEquals(200, send("POST", "/api/v1/apply?dryRun=true", EDITOR, namespace).statusCode());
        assertEquals(200, send("POST", "/api/v1/apply?dryRun=true", WRITE_TOKEN, namespace).statusCode());
        HttpResponse<String> anonymous = send("POST", "/api/v1/apply?dryRun=true", null, namespace);
        assertEquals(401, anonymous.statusCode());
        assertEquals("Bearer realm=\"portolan\"", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void theTraceIsAReadForAViewer() throws Exception {
        HttpResponse<String> trace = send("POST", "/api/v1/trace", VIEWER,
                "{\"gateway\":\"default/example-gateway\",\"path\":\"/\"}");
        assertTrue(trace.statusCode() != 401 && trace.statusCode() != 403, trace.body());
    }

    @Test
    void theRequestCarriesWhoItActsAs() throws Exception {
        JsonNode viewer = Manifests.JSON.readTree(get("/api/v1/test-principal", VIEWER).body());
        assertEquals("alice", viewer.path("principal").asText());
        assertEquals("viewer", viewer.path("role").asText());
        var editorAnswer = send("POST", "/api/v1/test-principal", EDITOR, "x");
        JsonNode editor = Manifests.JSON.readTree(editorAnswer.body());
        assertEquals(200, editorAnswer.statusCode(), editorAnswer.body());
        assertEquals("bob", editor.path("principal").asText());
        assertEquals("editor", editor.path("role").asText());
        JsonNode writer = Manifests.JSON.readTree(send("POST", "/api/v1/test-principal", WRITE_TOKEN, "x").body());
        assertEquals("write-token", writer.path("principal").asText());
    }

    @Test
    void theTokensFileIsReadAgainWhenItChangesWithoutRestart() throws Exception {
        String fresh = "carol-token-9876543210";
        String before = Files.readString(tokensFile);
        try {
            assertEquals(401, get("/api/v1/summary", fresh).statusCode());
            Files.writeString(tokensFile, "carol editor " + fresh + "\n");
            // a later modification time even on file systems with coarse timestamps
            Files.setLastModifiedTime(tokensFile, FileTime.from(Instant.now().plusSeconds(2)));
            assertEquals(200, get("/api/v1/summary", fresh).statusCode(), "a token added to the file works at once");
            assertEquals(401, get("/api/v1/summary", VIEWER).statusCode(), "a token removed from it is revoked");
            assertEquals(200, get("/api/v1/summary", WRITE_TOKEN).statusCode(), "the write token stays");
            JsonNode who = Manifests.JSON.readTree(get("/api/v1/test-principal", fresh).body());
            assertEquals("carol", who.path("principal").asText());
        } finally {
            Files.writeString(tokensFile, before);
            Files.setLastModifiedTime(tokensFile, FileTime.from(Instant.now().plusSeconds(4)));
        }
        assertEquals(200, get("/api/v1/summary", VIEWER).statusCode());
    }

    @Test
    void aFileReplacedByRenameIsReadAgainAsAMountedSecretIs() throws Exception {
        String rotated = "rotated-viewer-token-0123";
        String before = Files.readString(tokensFile);
        try {
            Path next = Files.createTempFile(tokensFile.getParent(), "tokens-next", ".txt");
            Files.writeString(next, "alice viewer " + rotated + "\n");
            Files.setLastModifiedTime(next, Files.getLastModifiedTime(tokensFile)); // only the file differs
            Files.move(next, tokensFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertEquals(200, get("/api/v1/summary", rotated).statusCode());
            assertEquals(401, get("/api/v1/summary", VIEWER).statusCode(), "alice's old token is gone");
        } finally {
            Files.writeString(tokensFile, before);
            Files.setLastModifiedTime(tokensFile, FileTime.from(Instant.now().plusSeconds(6)));
        }
    }

    @Test
    void proxyConfigsNeedAToken() throws Exception {
        assertEquals(401, get("/proxy/v1/config", null).statusCode());
        assertEquals(200, get("/proxy/v1/config", VIEWER).statusCode());
    }
}
