package dev.portolan.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed objects of the last {@link ResourceSet} built through it, by object: a rebuild converts only the
 * manifests that changed instead of all of them. A manifest that differs from the last one only in
 * {@code metadata.resourceVersion} (a status write) keeps its typed object, which nothing reads the resourceVersion
 * of; so the typed object stays the same Java object while its content does, and later stages may key their own
 * caches on it. Holds one generation (the last set's objects, and that set, which the next one is patched from).
 * Not thread-safe: one builder (the snapshot thread).
 */
public final class TypedCache {
    /**
     * A conversion and its outcome: the typed object, or the problem it raised; and the last set that met it (the
     * builder's mark, to find what a set no longer has without a set of every key met).
     */
    static final class Converted {
        private final JsonNode manifest;
        private final Object typed;
        private final ManifestException problem;
        private int seen;

        Converted(JsonNode manifest, Object typed, ManifestException problem) {
            this.manifest = manifest;
            this.typed = typed;
            this.problem = problem;
        }

        JsonNode manifest() {
            return manifest;
        }

        Object typed() {
            return typed;
        }

        ManifestException problem() {
            return problem;
        }
    }

    /** The last set's conversions by key (shared with that set, which reads them). */
    private LayeredMap<ResourceKey, Converted> last = LayeredMap.empty();
    private LayeredMap.Builder<ResourceKey, Converted> next = last.toBuilder();
    /** Counts sets, for {@link Converted#seen}. */
    private int set = 1;
    /**
     * Keys by manifest tree (trees are never mutated): an unchanged manifest is not read again for its key. One map
     * across sets, a replaced tree dropped as its object is converted again (rather than a new map per set).
     */
    private Map<JsonNode, ResourceKey> keys = new IdentityHashMap<>();
    private ResourceSet lastSet;
    /** Whether the set being built met a key twice (then its changes are not worked out). */
    private boolean duplicateKeys;

    /** {@link Manifests#keyOf(JsonNode)}, remembered for the manifests of this set and the last. */
    public ResourceKey keyOf(JsonNode manifest) {
        ResourceKey key = keys.get(manifest);
        if (key == null) {
            key = Manifests.keyOf(manifest);
            keys.put(manifest, key);
        }
        return key;
    }

    /** What the last set held at {@code key} (null when nothing, not even a problem). */
    Converted known(ResourceKey key) {
        return last.get(key);
    }

    /** The object at {@code key} in the set being built, from {@code manifest}; {@code known} is {@link #known}'s. */
    Converted convert(ResourceKey key, JsonNode manifest, Converted known) {
        if (known != null && known.seen == set || known == null && next.get(key) != null) {
            duplicateKeys = true; // met twice in this set
        }
        Converted converted;
        if (known != null && known.manifest() == manifest) {
            converted = known;
        } else {
            if (known != null) {
                keys.remove(known.manifest()); // that tree is gone from the store
            }
            if (known != null && ResourceVersions.sameApartFromResourceVersion(known.manifest(), manifest)) {
                // remember the new tree, so that the next set finds it at a glance
                converted = new Converted(manifest, known.typed(), known.problem());
            } else {
                try {
                    converted = new Converted(manifest, TypedManifests.toTyped(manifest), null);
                } catch (ManifestException e) {
                    converted = new Converted(manifest, null, e);
                }
            }
            next.put(key, converted);
        }
        if (known != null) {
            known.seen = set; // the key is met, whichever tree it has now
        }
        converted.seen = set;
        return converted;
    }

    /** Drops the object at {@code key} from the set being built ({@code known} is {@link #known}'s). */
    void forget(ResourceKey key, Converted known) {
        if (known != null) {
            keys.remove(known.manifest());
            next.remove(key);
        }
    }

    /** The last set built through this cache (null before the first). */
    ResourceSet lastSet() {
        return lastSet;
    }

    /** How many objects (and problems) the last set had. */
    int lastSize() {
        return last.size();
    }

    /**
     * Drops what the set being built did not meet (deleted objects), calling {@code removed} with each such key
     * that had a typed object; then the set's conversions by key, never changed afterwards.
     */
    LayeredMap<ResourceKey, Converted> conversions(boolean anyGone, java.util.function.Consumer<ResourceKey> removed) {
        if (anyGone) {
            List<ResourceKey> gone = new ArrayList<>();
            last.forEach((key, converted) -> {
                if (converted.seen != set) {
                    gone.add(key);
                }
            });
            for (ResourceKey key : gone) {
                Converted converted = last.get(key);
                keys.remove(converted.manifest());
                next.remove(key);
                if (converted.typed() != null) {
                    removed.accept(key);
                }
            }
        }
        return next.build();
    }

    boolean duplicateKeys() {
        return duplicateKeys;
    }

    /** Ends one set: what it used is what the next one may reuse, and the set itself what the next is patched from. */
    void finish(ResourceSet built, LayeredMap<ResourceKey, Converted> conversions) {
        last = conversions;
        next = last.toBuilder();
        set++;
        if (keys.size() > 2 * last.size() + 64) {
            // trees asked about but never converted: keep only this set's
            Map<JsonNode, ResourceKey> kept = new IdentityHashMap<>(last.size());
            last.forEach((key, converted) -> kept.put(converted.manifest(), key));
            keys = kept;
        }
        lastSet = built;
        duplicateKeys = false;
    }
}
