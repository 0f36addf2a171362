package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable sorted set of keys in one array: what a referring object names, asked for on every rebuild for
 * every route (a TreeSet behind an unmodifiable view costs three objects to walk for its usual one key).
 */
final class SortedKeys extends AbstractSet<ResourceKey> implements SortedSet<ResourceKey> {
    private final ResourceKey[] keys;

    /** The distinct keys of {@code keys}, sorted. */
    static SortedKeys of(Collection<ResourceKey> keys) {
        return new SortedKeys(new TreeSet<>(keys).toArray(new ResourceKey[0]));
    }

    private SortedKeys(ResourceKey[] sortedDistinct) {
        this.keys = sortedDistinct;
    }

    @Override
    public Iterator<ResourceKey> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < keys.length;
            }

            @Override
            public ResourceKey next() {
                if (next >= keys.length) {
                    throw new NoSuchElementException();
                }
                return keys[next++];
            }
        };
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof ResourceKey key && Arrays.binarySearch(keys, key) >= 0;
    }

    @Override
    public Comparator<? super ResourceKey> comparator() {
        return null;
    }

    @Override
    public SortedSet<ResourceKey> subSet(ResourceKey fromElement, ResourceKey toElement) {
        return asTreeSet().subSet(fromElement, toElement);
    }

    @Override
    public SortedSet<ResourceKey> headSet(ResourceKey toElement) {
        return asTreeSet().headSet(toElement);
    }

    @Override
    public SortedSet<ResourceKey> tailSet(ResourceKey fromElement) {
        return asTreeSet().tailSet(fromElement);
    }

    @Override
    public ResourceKey first() {
        if (keys.length == 0) {
            throw new NoSuchElementException();
        }
        return keys[0];
    }

    @Override
    public ResourceKey last() {
        if (keys.length == 0) {
            throw new NoSuchElementException();
        }
        return keys[keys.length - 1];
    }

    private SortedSet<ResourceKey> asTreeSet() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(keys)));
    }
}
