package dev.portolan.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import dev.portolan.model.VersionedMap;
import dev.portolan.model.ResourceKey;

/**
 * The store's content at one revision: objects sorted by identity, and the problems met while loading.
 *
 * @param revision rises with every change the store makes or sees
 * @param changes  which objects changed since the store's recent snapshots, as far as the store tells
 *                 ({@link StoreChanges#unknown()} when it does not): {@code changes().since(r)}
 */
public record StoreSnapshot(long revision, SortedMap<ResourceKey, StoredObject> byKey, List<LoadProblem> problems,
                            StoreChanges changes) {

    public StoreSnapshot {
        byKey = VersionedMap.of(byKey); // no copy when the store hands its persistent map
        problems = List.copyOf(problems);
        changes = changes == null || changes.revision() != revision ? StoreChanges.unknown() : changes;
    }

    /** A snapshot whose store does not tell what changed. */
    public StoreSnapshot(long revision, SortedMap<ResourceKey, StoredObject> byKey, List<LoadProblem> problems) {
        this(revision, byKey, problems, StoreChanges.unknown());
    }

    /** Equal when revision, objects and problems are: {@code changes} only describes how the store got here. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoreSnapshot that && revision == that.revision && byKey.equals(that.byKey)
                && problems.equals(that.problems);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(revision, byKey, problems);
    }

    public static StoreSnapshot empty() {
        return new StoreSnapshot(0, VersionedMap.empty(), List.of());
    }

    /** Manifests (without status), in identity order: the input of {@code ResourceSet.of}. */
    public List<ObjectNode> manifests() {
        return byKey.values().stream().map(StoredObject::manifest).toList();
    }

    public Map<ResourceKey, StoredObject> objects() {
        return byKey;
    }
}
