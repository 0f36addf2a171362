package dev.portolan.snapshot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.ResourceStore;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import dev.portolan.store.file.FileStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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

    /** Delegates to a file store; a status write takes as long as a slow round trip to an API server. */
    private static final class SlowStatusStore implements ResourceStore {
        final FileStore delegate;
        final CountDownLatch writing = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();

        SlowStatusStore(FileStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public StoreSnapshot snapshot() {
            return delegate.snapshot();
        }

        @Override
        public StoredObject apply(JsonNode manifest) {
            return delegate.apply(manifest);
        }

        @Override
        public boolean delete(ResourceKey key, String expectedResourceVersion) {
            return delegate.delete(key, expectedResourceVersion);
        }

        @Override
        public boolean updateStatus(ResourceKey key, ObjectNode status) {
            return updateStatuses(Map.of(key, status)) == 1;
        }

        @Override
        public int updateStatuses(Map<ResourceKey, ObjectNode> statuses) {
            writing.countDown();
            try {
                Thread.sleep(WRITE_MILLIS);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("status write interrupted", e);
            }
            return delegate.updateStatuses(statuses);
        }

        @Override
        public Subscription watch(Consumer<StoreSnapshot> listener) {
            return delegate.watch(listener);
        }
    }

    @Test
    void closeLetsTheStatusWriteInFlightFinish(@TempDir Path folder) throws Exception {
        try (FileStore files = FileStore.open(folder, Clock.systemUTC())) {
            SlowStatusStore store = new SlowStatusStore(files);
            SnapshotService snapshots = new SnapshotService(store, "portolan.dev/gateway-controller",
                    Clock.systemUTC());
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
