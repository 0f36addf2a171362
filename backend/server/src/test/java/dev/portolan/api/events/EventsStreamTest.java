package dev.portolan.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/v1/events with a real HTTP client reading the stream: edits on disk and status changes arrive live. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsStreamTest implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String GATEWAY = """
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
    private static final String APP = """
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
              - port: %d
            """;

    private Path folder;

    @Inject
    EmbeddedServer server;

    @Inject
    ChangeFeed feed;

    @Override
    public Map<String, String> getProperties() {
        try {
            folder = Files.createTempDirectory("portolan-events");
            Files.writeString(folder.resolve("gateway.yaml"), GATEWAY);
            Files.writeString(folder.resolve("app.yaml"), APP.formatted("shop", 8080));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("portolan.manifests", folder.toString());
    }

    private SseReader connect(String query, String lastEventId) throws InterruptedException {
        int before = feed.buffer().subscribers();
        SseReader reader = new SseReader(URI.create(server.getURL() + "/api/v1/events" + query), lastEventId);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (feed.buffer().subscribers() <= before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return reader;
    }

    private static JsonNode data(SseReader.SseEvent event) {
        try {
            return Manifests.JSON.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean is(SseReader.SseEvent event, String type, String object) {
        return event.name().equals(type) && data(event).path("object").asText().equals(object);
    }

    @Test
    void editsOnDiskAndStatusChangesArriveAndAResumeGetsExactlyTheMissedEvents() throws Exception {
        long resumeFrom;
        try (SseReader stream = connect("?namespace=default", null)) {
            Files.writeString(folder.resolve("app.yaml"), APP.formatted("shop", 9090));
            SseReader.SseEvent modified = stream.await(e -> is(e, "modified", "Service/default/shop"), WAIT,
                    "modified event for the Service");
            JsonNode data = data(modified);
            assertEquals("Service", data.path("kind").asText());
            assertEquals("default", data.path("namespace").asText());
            assertEquals("shop", data.path("name").asText());
            assertEquals(2, data.path("generation").asLong());
            assertTrue(data.path("snapshotVersion").asLong() > 0);
            assertTrue(Long.parseLong(modified.id()) > 0);

            // the route now points at a missing Service: its spec changes, then its computed status
            Files.writeString(folder.resolve("app.yaml"), APP.formatted("missing", 9090));
            stream.await(e -> is(e, "modified", "HTTPRoute/default/shop"), WAIT, "modified event for the route");
            SseReader.SseEvent status = stream.await(e -> is(e, "status", "HTTPRoute/default/shop"), WAIT,
                    "status event for the route");
            resumeFrom = Long.parseLong(status.id());
        }

        // while no one listens, the Service goes away
        Files.writeString(folder.resolve("app.yaml"), APP.formatted("missing", 9090).split("---")[0]);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (feed.buffer().lastId() <= resumeFrom + 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // let the rebuilds that follow settle
        long last = feed.buffer().lastId();

        try (SseReader resumed = connect("", Long.toString(resumeFrom))) {
            List<SseReader.SseEvent> missed = resumed.drain(Duration.ofMillis(700));
            List<Long> ids = missed.stream().map(e -> Long.parseLong(e.id())).toList();
            assertTrue(ids.size() >= last - resumeFrom, "got " + ids + ", expected at least through " + last);
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(resumeFrom + 1 + i, ids.get(i), "ids follow on without gap or repeat: " + ids);
            }
            assertTrue(missed.stream().anyMatch(e -> is(e, "deleted", "Service/default/shop")), missed.toString());
        }
        // a client that hangs up is forgotten
        long forgetBy = System.nanoTime() + WAIT.toNanos();
        while (feed.buffer().subscribers() > 0 && System.nanoTime() < forgetBy) {
            Thread.sleep(20);
        }
        assertEquals(0, feed.buffer().subscribers());
    }

    @Test
    void anUnknownLastEventIdGetsAResetAndFiltersHideOtherKinds() throws Exception {
        try (SseReader stream = connect("?kind=gateways", "999999999")) {
            SseReader.SseEvent reset = stream.await(e -> e.name().equals("reset"), WAIT, "reset event");
            assertTrue(stream.comments().contains("heartbeat"), "a heartbeat comment opens the stream");
            assertEquals(Long.toString(feed.buffer().lastId()), reset.id());
            Files.writeString(folder.resolve("more.yaml"), """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: filtered-out
                    spec:
                      ports:
                      - port: 1
                    """);
            SseReader.SseEvent snapshot = stream.await(e -> e.name().equals("snapshot"), WAIT, "snapshot event");
            assertTrue(data(snapshot).path("snapshotVersion").asLong() > 0);
            List<SseReader.SseEvent> rest = stream.drain(Duration.ofMillis(300));
            assertTrue(rest.stream().noneMatch(e -> data(e).path("kind").asText().equals("Service")), rest.toString());
        }
    }
}
