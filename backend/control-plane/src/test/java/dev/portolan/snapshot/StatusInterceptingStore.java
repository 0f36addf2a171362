package dev.portolan.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.ResourceStore;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A store that hands everything to another one, except that a test sees every status write first (to slow it down
 * or refuse it, as an API server may). One status or many, writes go through {@link #beforeStatusWrite}.
 */
abstract class StatusInterceptingStore implements ResourceStore {
    final ResourceStore delegate;

    StatusInterceptingStore(ResourceStore delegate) {
        this.delegate = delegate;
    }

    /** Called before each status write; throw to refuse it. */
    abstract void beforeStatusWrite(Map<ResourceKey, ObjectNode> statuses);

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
        beforeStatusWrite(statuses);
        return delegate.updateStatuses(statuses);
    }

    @Override
    public Subscription watch(Consumer<StoreSnapshot> listener) {
        return delegate.watch(listener);
    }
}
