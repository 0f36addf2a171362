package dev.portolan.api.write;

import dev.portolan.api.problem.ApiException;
import dev.portolan.model.ResourceKey;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.store.ResourceStore;
import dev.portolan.store.StoreException;
import dev.portolan.store.StoredObject;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes through the active store with Kubernetes semantics, then waits (at most {@link #VISIBILITY_WAIT}) until
 * the control plane snapshot has been rebuilt past the write, so that a read right after the answer sees it.
 */
@Singleton
public class ObjectWriter {
    /** How long a write waits for the snapshot to catch up; the answer says whether it did. */
    public static final Duration VISIBILITY_WAIT = Duration.ofSeconds(2);

    private final ResourceStore store;
    private final SnapshotService snapshots;

    public ObjectWriter(ResourceStore store, SnapshotService snapshots) {
        this.store = store;
        this.snapshots = snapshots;
    }

    /** The outcome of a write: per-object results and whether the current snapshot already includes them. */
    public record Outcome(List<WriteResult> results, long storeRevision, long snapshotVersion, boolean visible) {
    }

    /**
     * Creates or replaces each document in order. All resourceVersion preconditions are checked before the first
     * write, so that a stale document normally leaves everything untouched (the store checks again on each write).
     *
     * @throws ApiException 409 for a stale resourceVersion, 400 when the store refuses a document
     */
    public Outcome apply(List<Document> documents) {
        for (Document document : documents) {
            checkPrecondition(document.key(), document.expectedResourceVersion());
        }
        List<WriteResult> results = new ArrayList<>();
        for (Document document : documents) {
            Optional<StoredObject> before = store.get(document.key());
            StoredObject stored = write(document);
            String action = before.isEmpty() ? WriteResult.CREATED
                    : before.get().resourceVersion().equals(stored.resourceVersion())
                    ? WriteResult.UNCHANGED : WriteResult.CONFIGURED;
            results.add(new WriteResult(document.key(), action, stored.resourceVersion(), stored.generation()));
        }
        return settle(results);
    }

    /**
     * Deletes one object.
     *
     * @throws ApiException 404 when absent, 409 when {@code expectedResourceVersion} is stale
     */
    public Outcome delete(ResourceKey key, String expectedResourceVersion) {
        StoredObject before = store.get(key).orElseThrow(() -> ApiException.notFound(key));
        checkPrecondition(key, expectedResourceVersion);
        boolean existed;
        try {
            existed = store.delete(key, expectedResourceVersion == null || expectedResourceVersion.isEmpty()
                    ? null : expectedResourceVersion);
        } catch (StoreException e) {
            throw translate(key, e);
        }
        if (!existed) {
            throw ApiException.notFound(key);
        }
        return settle(List.of(new WriteResult(key, WriteResult.DELETED, before.resourceVersion(),
                before.generation())));
    }

    private void checkPrecondition(ResourceKey key, String expected) {
        Preconditions.check(store.snapshot(), key, expected);
    }

    private StoredObject write(Document document) {
        try {
            return store.apply(document.manifest());
        } catch (StoreException e) {
            throw translate(document.key(), e);
        }
    }

    private static ApiException translate(ResourceKey key, StoreException e) {
        ResourceKey object = e.object() == null ? key : e.object();
        if (e instanceof StoreException.Conflict) {
            return ApiException.conflict(object, e.getMessage());
        }
        if (e instanceof StoreException.Invalid invalid) {
            return new ApiException(HttpStatus.BAD_REQUEST, object, invalid.field(), e.getMessage());
        }
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, object, null, e.getMessage());
    }

    private Outcome settle(List<WriteResult> results) {
        long revision = store.snapshot().revision();
        ControlPlaneSnapshot snapshot = awaitSnapshot(revision);
        return new Outcome(results, revision, snapshot.version(), snapshot.store().revision() >= revision);
    }

    /** Polls briefly: a rebuild takes milliseconds for typical configurations, and a write is rare. */
    private ControlPlaneSnapshot awaitSnapshot(long revision) {
        long deadline = System.nanoTime() + VISIBILITY_WAIT.toNanos();
        ControlPlaneSnapshot current = snapshots.current();
        while (current.store().revision() < revision && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = snapshots.current();
        }
        return current;
    }
}
