package dev.portolan.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A versioned, watchable set of Kubernetes objects with Kubernetes semantics: {@code metadata.generation} starts at
 * 1 and rises on spec changes only, {@code resourceVersion} changes on every write, status lives apart from spec.
 * Implemented by the file store (embedded mode) and, later, the Kubernetes store.
 */
public interface ResourceStore extends AutoCloseable {

    /** Everything the store holds now, with load problems; immutable. */
    StoreSnapshot snapshot();

    /** One object (manifest with metadata, without status). */
    default Optional<StoredObject> get(ResourceKey key) {
        return Optional.ofNullable(snapshot().byKey().get(key));
    }

    /**
     * Creates or replaces an object. When the manifest carries {@code metadata.resourceVersion} it must equal the
     * stored one (optimistic concurrency), as with {@code kubectl replace}.
     *
     * @return the object as stored (with server-set metadata)
     * @throws StoreException.Invalid when the manifest is malformed (names field and reason)
     * @throws StoreException.Conflict when the resourceVersion precondition fails
     */
    StoredObject apply(JsonNode manifest);

    /**
     * Deletes an object.
     *
     * @param expectedResourceVersion the resourceVersion the caller saw, or null for an unconditional delete
     * @return whether the object existed
     * @throws StoreException.Conflict when the precondition fails
     */
    boolean delete(ResourceKey key, String expectedResourceVersion);

    /** Replaces the status of an object; does not change generation. Ignored (false) when the object is gone. */
    boolean updateStatus(ResourceKey key, ObjectNode status);

    /**
     * Replaces the statuses of many objects in one write (the snapshot service writes all changed statuses of a
     * rebuild at once; one write per object would rewrite the state thousands of times for big configurations).
     *
     * @return how many objects were found and updated
     */
    default int updateStatuses(java.util.Map<ResourceKey, ObjectNode> statuses) {
        int updated = 0;
        for (var entry : statuses.entrySet()) {
            if (updateStatus(entry.getKey(), entry.getValue())) {
                updated++;
            }
        }
        return updated;
    }

    /** Calls the listener (on a store thread) after every change, with the new snapshot. */
    Subscription watch(Consumer<StoreSnapshot> listener);

    /** Ends a watch. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    default void close() {
    }
}
