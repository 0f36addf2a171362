package dev.portolan.snapshot;

import dev.portolan.embedded.GatewayAddressBook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that refuses status writes (Kubernetes mode: API server away, or a 403 on /status) must not hold back the
 * snapshot: the new state is published anyway, and the status is written once the store accepts it again.
 */
class StatusWriteFailureTest {
    private static final String MANIFESTS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: portolan}
            spec: {controllerName: portolan.dev/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: default}
            spec:
              gatewayClassName: portolan
              listeners:
              - {name: http, protocol: HTTP, port: 80}
            """;

    /** Status writes fail while {@code refusing} is set. */
    private static final class RefusingStore extends StatusInterceptingStore {
        final AtomicBoolean refusing = new AtomicBoolean(true);
        final AtomicInteger refused = new AtomicInteger();

        RefusingStore(FileStore delegate) {
            super(delegate);
        }

        @Override
        void beforeStatusWrite(Map<ResourceKey, ObjectNode> statuses) {
            if (refusing.get()) {
                refused.incrementAndGet();
                throw new IllegalStateException("gateways.gateway.networking.k8s.io \"web\" is forbidden: cannot update "
                        + "resource \"gateways/status\"");
            }
        }
    }

    @Test
    void theSnapshotIsPublishedAndTheStatusWrittenOnceTheStoreAcceptsIt(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("gateway.yaml"), MANIFESTS);
        try (FileStore files = FileStore.open(folder, Clock.systemUTC())) {
            RefusingStore store = new RefusingStore(files);
            try (SnapshotService snapshots = new SnapshotService(store, "portolan.dev/gateway-controller",
                    Clock.systemUTC(), GatewayAddressBook.loopback(), () -> true)) {
                snapshots.start();
                assertPublishedThenWritten(store, files, snapshots);
            }
        }
    }

    private static void assertPublishedThenWritten(RefusingStore store, FileStore files, SnapshotService snapshots)
            throws InterruptedException {
        ResourceKey gateway = ResourceKey.of(ApiGroups.GATEWAY, "Gateway", "default", "web");
        long tried = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.refused.get() == 0 && System.nanoTime() < tried) {
            Thread.sleep(20); // written after the snapshot is published
        }
        assertTrue(store.refused.get() >= 1, "the status write was tried");
        assertTrue(snapshots.current().computed().graph().gateways().containsKey(gateway),
                "the snapshot is published although its status could not be written");
        assertTrue(files.get(gateway).orElseThrow().status() == null
                || files.get(gateway).orElseThrow().status().isEmpty(), "nothing written yet");

        store.refusing.set(false);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!hasConditions(files, gateway) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(hasConditions(files, gateway), "the status is written on the retry");
        assertEquals("Accepted", files.get(gateway).orElseThrow().status().at("/conditions/0/type").asText());
    }

    private static boolean hasConditions(FileStore files, ResourceKey key) {
        JsonNode status = files.get(key).orElseThrow().status();
        return status != null && status.path("conditions").size() > 0;
    }
}
