package dev.portolan.snapshot;

import dev.portolan.embedded.GatewayAddressBook;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.file.FileStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the snapshot service while it writes status (in Kubernetes mode, a request to the API server) lets that
 * write finish instead of interrupting it, which would log a failed write at every shutdown.
 */
class SnapshotServiceCloseTest {
    private static final String GATEWAY_CLASS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: portolan}
            spec: {controllerName: portolan.dev/gateway-controller}
            """;
    private static final long WRITE_MILLIS = 500;

    /** A status write takes as long as a slow round trip to an API server. */
    private static final class SlowStatusStore extends StatusInterceptingStore {
        final CountDownLatch writing = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();

        SlowStatusStore(FileStore delegate) {
            super(delegate);
        }

        @Override
        void beforeStatusWrite(Map<ResourceKey, ObjectNode> statuses) {
            writing.countDown();
            try {
                Thread.sleep(WRITE_MILLIS);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("status write interrupted", e);
            }
        }
    }

    @Test
    void closeLetsTheStatusWriteInFlightFinish(@TempDir Path folder) throws Exception {
        try (FileStore files = FileStore.open(folder, Clock.systemUTC())) {
            SlowStatusStore store = new SlowStatusStore(files);
            SnapshotService snapshots = new SnapshotService(store, "portolan.dev/gateway-controller",
                    Clock.systemUTC(), GatewayAddressBook.loopback(), () -> true);
            snapshots.start(); // an empty folder: nothing to write yet
            files.apply(Manifests.YAML.readTree(GATEWAY_CLASS));
            assertTrue(store.writing.await(10, TimeUnit.SECONDS), "the GatewayClass's status write started");

            snapshots.close();

            assertFalse(store.interrupted.get(), "the write in flight was interrupted");
            ResourceKey gatewayClass = ResourceKey.of(ApiGroups.GATEWAY, "GatewayClass", "", "portolan");
            JsonNode status = files.get(gatewayClass).orElseThrow().status();
            assertTrue(status != null && status.path("conditions").size() > 0,
                    "the status was written before close returned: " + status);
        }
    }
}
