package dev.portolan.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Objects kept in memory with Kubernetes semantics: {@code metadata.generation} starts at 1 and grows on every spec
 * change, {@code creationTimestamp} grows in the order objects are created. Status is not stored here.
 */
public final class ConformanceObjects {
    private final Map<ResourceKey, ObjectNode> objects = new TreeMap<>();
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    /** Creates or replaces (kubectl apply): a replaced object keeps its creationTimestamp and bumps generation on a spec change. */
    public synchronized void apply(ObjectNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        copy.remove("status");
        ResourceKey key = Manifests.keyOf(copy);
        ObjectNode metadata = copy.with("metadata");
        ObjectNode existing = objects.get(key);
        if (existing == null) {
            clock = clock.plusSeconds(1);
            metadata.put("generation", 1);
            metadata.put("creationTimestamp", clock.toString());
        } else {
            long generation = existing.path("metadata").path("generation").asLong(1);
            boolean specChanged = !Objects.equals(existing.get("spec"), copy.get("spec"));
            metadata.put("generation", specChanged ? generation + 1 : generation);
            metadata.set("creationTimestamp", existing.path("metadata").get("creationTimestamp"));
        }
        objects.put(key, copy);
    }

    public synchronized void delete(ResourceKey key) {
        if (objects.remove(key) == null) {
            throw new IllegalArgumentException(key + " does not exist, cannot delete it");
        }
    }

    public synchronized Optional<ObjectNode> find(ResourceKey key) {
        return Optional.ofNullable(objects.get(key)).map(ObjectNode::deepCopy);
    }

    public synchronized List<ObjectNode> all() {
        return objects.values().stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized ResourceSet resourceSet() {
        return ResourceSet.of(objects.values());
    }
}
