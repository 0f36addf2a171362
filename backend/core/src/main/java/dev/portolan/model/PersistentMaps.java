package dev.portolan.model;

import java.util.SortedMap;
import org.pcollections.TreePMap;

/**
 * Sorted maps that share structure between versions (PCollections' {@link TreePMap}): the control plane's maps
 * hold one entry per object (tens of thousands), and a change to one object made a new {@code TreeMap} copy of
 * each, megabytes of young garbage per change whose collections pause the in-process proxy. A persistent map's
 * {@code plus}/{@code minus} copy only the path to the changed entry.
 */
public final class PersistentMaps {
    private PersistentMaps() {
    }

    /** {@code map} itself when it is persistent already (no copy), else a persistent copy in the same order. */
    @SuppressWarnings("unchecked") // a persistent map never changes, so reading it as a map of a supertype is safe
    public static <K, V> TreePMap<K, V> of(SortedMap<K, ? extends V> map) {
        if (map instanceof TreePMap<K, ? extends V> persistent) {
            return (TreePMap<K, V>) persistent;
        }
        return TreePMap.fromSortedMap((SortedMap<K, V>) map);
    }
}
