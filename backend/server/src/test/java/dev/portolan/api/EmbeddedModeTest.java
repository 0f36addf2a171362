package dev.portolan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.sync.RemoteConfigSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The embedded default end to end: a real manifests folder, the real server, {@code GET /} over HTTP; hand edits
 * and broken files show up live.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedModeTest implements TestPropertyProvider {
    /** Proxy configs hold private keys: even from loopback they need a token. */
    private static final String TOKEN = "embedded-mode-test-token";
    private static final String GATEWAYS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata:
              name: portolan
            spec:
              controllerName: portolan.dev/gateway-controller
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: web
            spec:
              gatewayClassName: portolan
              listeners:
              - name: http
                protocol: HTTP
                port: 80
            """;
    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: shop
            spec:
              parentRefs:
              - name: web
              rules:
              - backendRefs:
                - name: %s
                  port: 8080
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: shop
            spec:
              ports:
              - port: 8080
            """;

    private Path folder;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            folder = Files.createTempDirectory("portolan-embedded");
            Files.writeString(folder.resolve("gateways.yaml"), GATEWAYS);
            Files.createDirectories(folder.resolve("apps/shop"));
            Files.writeString(folder.resolve("apps/shop/route.yaml"), ROUTE.formatted("shop"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("portolan.manifests", folder.toString(), "portolan.api.write-token", TOKEN);
    }

    private JsonNode summary() {
        String body = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/summary"));
        try {
            return Manifests.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls GET / until the condition holds; fails after 5 s (live edits must show within about a second). */
    private JsonNode awaitSummary(Predicate<JsonNode> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        JsonNode last = summary();
        while (!condition.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what + "; last summary: " + last);
            }
            Thread.sleep(50);
            last = summary();
        }
        return last;
    }

    @Test
    @Order(1)
    void summaryCountsWhatWasLoadedAndTheRouteIsAttached() {
        JsonNode summary = summary();

        assertEquals(folder.toString(), summary.path("manifests").asText());
        assertEquals(1, summary.at("/counts/Gateway").asInt());
        assertEquals(1, summary.at("/counts/HTTPRoute").asInt());
        assertEquals(0, summary.path("loadProblems").size());
        assertEquals(0, summary.path("statusProblems").size(), summary.toPrettyString());
        JsonNode gateway = summary.at("/gateways/0");
        assertEquals("default/web", gateway.path("gateway").asText());
        assertTrue(gateway.at("/addresses/0").asText().startsWith("127.0.0."), gateway.toPrettyString());
    }

    @Test
    @Order(2)
    void statusIsWrittenToTheStateFileNotToTheManifests() throws Exception {
        // the state file, and the journal of changes saved since it was last written whole
        Path state = folder.resolve(".portolan/state.json");
        Path journal = folder.resolve(".portolan/state.journal");
        Instant deadline = Instant.now().plusSeconds(5);
        while (!stateText(state, journal).contains("\"attachedRoutes\"") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertTrue(stateText(state, journal).contains("\"attachedRoutes\""), "Gateway status reaches the state file");
        assertTrue(!Files.readString(folder.resolve("gateways.yaml")).contains("status"),
                "manifest files never get status");
    }

    private static String stateText(Path state, Path journal) throws java.io.IOException {
        return (Files.exists(state) ? Files.readString(state) : "")
                + (Files.exists(journal) ? Files.readString(journal) : "");
    }

    @Test
    @Order(3)
    void aStandaloneProxysConfigSourceFollowsTheControlPlane() throws Exception {
        BlockingQueue<ProxyConfig> received = new LinkedBlockingQueue<>();
        Path tokenFile = Files.createTempFile("portolan-token", "");
        Files.writeString(tokenFile, TOKEN + "\n");
        try (RemoteConfigSource source = RemoteConfigSource.withDefaults(URI.create(server.getURL().toString()),
                null, tokenFile)) {
            source.start(received::add);
            ProxyConfig config = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(config, "the proxy got a config from GET /proxy/v1/config");
            assertEquals("web", config.gateways().get(0).name());
            assertEquals(1, config.gateways().get(0).listeners().get(0).routes().size(), "the shop route is attached");
        }
    }

    @Test
    @Order(4)
    void proxiesPullTheTranslatedConfigWithTheVersionAsETag() {
        var response = client.toBlocking().exchange(HttpRequest.GET("/proxy/v1/config").bearerAuth(TOKEN),
                String.class);
        String etag = response.getHeaders().get("ETag");
        assertTrue(etag != null && etag.matches("\"[0-9a-f]{16}\""), "ETag is the quoted content version: " + etag);
        assertTrue(response.body().contains("\"name\":\"web\""), response.body());
        assertEquals(etag, "\"" + summary().path("configVersion").asText() + "\"",
                "the summary shows the version proxies are served");

        var unchanged = client.toBlocking().exchange(
                HttpRequest.GET("/proxy/v1/config?wait=100ms").header("If-None-Match", etag).bearerAuth(TOKEN),
                String.class);
        assertEquals(304, unchanged.getStatus().getCode(), "nothing else within the wait");
    }

    @Test
    @Order(5)
    void aHandEditIsPickedUpAndItsProblemReported() throws Exception {
        Files.writeString(folder.resolve("apps/shop/route.yaml"), ROUTE.formatted("no-such-service"));

        JsonNode summary = awaitSummary(s -> s.path("statusProblems").size() == 1, "BackendNotFound");

        JsonNode problem = summary.at("/statusProblems/0");
        assertEquals("HTTPRoute/default/shop", problem.path("object").asText());
        assertEquals("ResolvedRefs", problem.path("type").asText());
        assertEquals("BackendNotFound", problem.path("reason").asText());
    }

    @Test
    @Order(6)
    void aBrokenFileIsReportedWithItsLineWhileTheLastGoodObjectsKeepServing() throws Exception {
        Files.writeString(folder.resolve("gateways.yaml"), GATEWAYS.replace("port: 80", "port: eighty"));

        JsonNode summary = awaitSummary(s -> s.path("loadProblems").size() == 1, "a load problem");

        JsonNode problem = summary.at("/loadProblems/0");
        assertEquals("gateways.yaml", problem.path("file").asText());
        assertEquals(1, problem.path("document").asInt());
        assertEquals("spec.listeners[0].port", problem.path("field").asText());
        assertEquals(17, problem.path("line").asInt(), "line of port: eighty; " + problem.toPrettyString());
        assertTrue(problem.path("keptPrevious").asBoolean());
        assertEquals(1, summary.at("/counts/Gateway").asInt(), "the last good Gateway keeps serving");
    }
}
