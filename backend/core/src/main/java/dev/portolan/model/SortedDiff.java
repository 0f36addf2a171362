package dev.portolan.model;

import java.util.Iterator;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The entries of two maps sorted by the same keys that are not the very same value object: one walk of both in
 * step, comparing values by identity (trees and stored objects are never mutated, and a rebuild hands on those it
 * did not make again), keys only where the values differ. No hashing and no allocation per entry, so the walk of
 * thousands of unchanged entries costs little next to what is done for the changed ones; and no walk at all between
 * two versions of one {@link VersionedMap}, which name the keys their edits touched.
 */
public final class SortedDiff {
    /** Called with the key and both values; {@code before} null when added, {@code after} null when removed. */
    public interface Change<K, V> {
        void changed(K key, V before, V after);
    }

    private SortedDiff() {
    }

    /** Both maps must be sorted by their keys' natural order. */
    public static <K extends Comparable<K>, V> void forEach(SortedMap<K, V> before, SortedMap<K, V> after,
                                                            Change<K, V> change) {
        if (before == after) {
            return;
        }
        // versions of one persistent map: only the keys their recent edits touched can differ
        SortedSet<K> touched = new TreeSet<>();
        if (VersionedMap.keysChangedBetween(before, after, touched)) {
            for (K key : touched) {
                V then = before.get(key);
                V now = after.get(key);
                if (then != now) {
                    change.changed(key, then, now);
                }
            }
            return;
        }
        // keys and values walked side by side (the same order in a sorted map): an unmodifiable map's entry
        // iterator wraps every entry in a new object, its key and value iterators do not
        Iterator<K> thenKeys = before.keySet().iterator();
        Iterator<V> thenValues = before.values().iterator();
        Iterator<K> nowKeys = after.keySet().iterator();
        Iterator<V> nowValues = after.values().iterator();
        K a = thenKeys.hasNext() ? thenKeys.next() : null;
        V aValue = a == null ? null : thenValues.next();
        K b = nowKeys.hasNext() ? nowKeys.next() : null;
        V bValue = b == null ? null : nowValues.next();
        while (a != null || b != null) {
            int order = a == null ? 1 : b == null ? -1 : a.compareTo(b);
            if (order == 0) {
                if (aValue != bValue) {
                    change.changed(b, aValue, bValue);
                }
            } else if (order < 0) {
                change.changed(a, aValue, null);
            } else {
                change.changed(b, null, bValue);
            }
            if (order <= 0) {
                a = thenKeys.hasNext() ? thenKeys.next() : null;
                aValue = a == null ? null : thenValues.next();
            }
            if (order >= 0) {
                b = nowKeys.hasNext() ? nowKeys.next() : null;
                bValue = b == null ? null : nowValues.next();
            }
        }
    }
}
