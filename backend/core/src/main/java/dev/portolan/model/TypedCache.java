package dev.portolan.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
    /** A conversion and its outcome: the typed object, or the problem it raised. */
    record Converted(JsonNode manifest, Object typed, ManifestException problem) {
    }

    private Map<ResourceKey, Converted> last = new HashMap<>();
    private Map<ResourceKey, Converted> next = new HashMap<>();
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

    Converted convert(ResourceKey key, JsonNode manifest) {
        Converted known = last.get(key);
        if (known != null && known.manifest() != manifest) {
            keys.remove(known.manifest()); // that tree is gone from the store
        }
        Converted converted;
        if (known != null && known.manifest() == manifest) {
            converted = known;
        } else if (known != null && ResourceVersions.sameApartFromResourceVersion(known.manifest(), manifest)) {
            // remember the new tree, so that the next set finds it at a glance
            converted = new Converted(manifest, known.typed(), known.problem());
        } else {
            try {
                converted = new Converted(manifest, TypedManifests.toTyped(manifest), null);
            } catch (ManifestException e) {
                converted = new Converted(manifest, null, e);
            }
        }
        if (next.put(key, converted) != null) {
            duplicateKeys = true;
        }
        return converted;
    }

    /** The last set built through this cache (null before the first). */
    ResourceSet lastSet() {
        return lastSet;
    }

    /** The conversions of the last set, by key; never changed once that set is built. */
    Map<ResourceKey, Converted> lastConversions() {
        return last;
    }

    /** The conversions of the set being built, by key. */
    Map<ResourceKey, Converted> nextConversions() {
        return next;
    }

    boolean duplicateKeys() {
        return duplicateKeys;
    }

    /** Ends one set: what it used is what the next one may reuse, and the set itself what the next is patched from. */
    void finish(ResourceSet set) {
        last = next;
        next = new HashMap<>(Math.max(16, last.size() * 4 / 3 + 1));
        if (keys.size() > 2 * last.size() + 64) {
            // trees of deleted objects (and any asked about but not converted): keep only this set's
            Map<JsonNode, ResourceKey> kept = new IdentityHashMap<>(last.size());
            for (Map.Entry<ResourceKey, Converted> entry : last.entrySet()) {
                kept.put(entry.getValue().manifest(), entry.getKey());
            }
            keys = kept;
        }
        lastSet = set;
        duplicateKeys = false;
    }
}
