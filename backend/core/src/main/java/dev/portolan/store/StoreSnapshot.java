package dev.portolan.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import dev.portolan.model.ResourceKey;

/**
 * The store's content at one revision: objects sorted by identity, and the problems met while loading.
 *
 * @param revision rises with every change the store makes or sees
 */
public record StoreSnapshot(long revision, SortedMap<ResourceKey, StoredObject> byKey, List<LoadProblem> problems) {

    public StoreSnapshot {
        byKey = Collections.unmodifiableSortedMap(new TreeMap<>(byKey));
        problems = List.copyOf(problems);
    }

    public static StoreSnapshot empty() {
        return new StoreSnapshot(0, new TreeMap<>(), List.of());
    }

    /** Manifests (without status), in identity order: the input of {@code ResourceSet.of}. */
    public List<ObjectNode> manifests() {
        return byKey.values().stream().map(StoredObject::manifest).toList();
    }

    public Map<ResourceKey, StoredObject> objects() {
        return byKey;
    }
}
