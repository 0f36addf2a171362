package dev.portolan.model;

import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;

/**
 * The entries of two maps sorted by the same keys that are not the very same value object: one walk of both in
 * step, comparing values by identity (trees and stored objects are never mutated, and a rebuild hands on those it
 * did not make again), keys only where the values differ. No hashing and no allocation per entry, so the walk of
 * thousands of unchanged entries costs little next to what is done for the changed ones.
 */
public final class SortedDiff {
    /** Called with the key and both values; {@code before} null when added, {@code after} null when removed. */
    public interface Change<K, V> {
        void changed(K key, V before, V after);
    }

    private SortedDiff() {
    }

    public static <K extends Comparable<K>, V> void forEach(SortedMap<K, V> before, SortedMap<K, V> after,
                                                     Change<K, V> change) {
        if (before == after) {
            return;
        }
        Iterator<Map.Entry<K, V>> then = before.entrySet().iterator();
        Iterator<Map.Entry<K, V>> now = after.entrySet().iterator();
        Map.Entry<K, V> a = then.hasNext() ? then.next() : null;
        Map.Entry<K, V> b = now.hasNext() ? now.next() : null;
        while (a != null || b != null) {
            int order = a == null ? 1 : b == null ? -1 : a.getKey().compareTo(b.getKey());
            if (order == 0) {
                if (a.getValue() != b.getValue()) {
                    change.changed(b.getKey(), a.getValue(), b.getValue());
                }
                a = then.hasNext() ? then.next() : null;
                b = now.hasNext() ? now.next() : null;
            } else if (order < 0) {
                change.changed(a.getKey(), a.getValue(), null);
                a = then.hasNext() ? then.next() : null;
            } else {
                change.changed(b.getKey(), null, b.getValue());
                b = now.hasNext() ? now.next() : null;
            }
        }
    }
}
