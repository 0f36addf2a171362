package dev.portolan.model;

import java.util.Collections;
import java.util.Set;

/**
 * What differs between a {@link ResourceSet} and the set it was patched from: the keys whose object was added,
 * removed or replaced by another typed object (an object whose content stayed keeps its typed form, see
 * {@link TypedCache}, so it is not listed), and whether every one of them is an HTTPRoute, the common case that
 * later stages patch instead of computing again.
 *
 * @param keys           the changed keys (unmodifiable)
 * @param onlyHttpRoutes true when every changed key was and is an HTTPRoute or absent (also when nothing changed)
 */
public record ResourceChanges(Set<ResourceKey> keys, boolean onlyHttpRoutes) {
    public static final ResourceChanges NONE = new ResourceChanges(Set.of(), true);

    public ResourceChanges {
        keys = Collections.unmodifiableSet(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }
}
