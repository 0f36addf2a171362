package dev.portolan.model;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.pcollections.ConsPStack;
import org.pcollections.TreePMap;

/**
 * A persistent sorted map (PCollections' {@link TreePMap}) that remembers which key each of its last edits touched,
 * so that two versions of one lineage can say which keys may differ between them without walking every entry
 * ({@link #keysChangedBetween}). The control plane's maps hold one entry per object (tens of thousands) and are
 * compared version to version on every change ({@link SortedDiff}): a walk of both trees in step cost more than the
 * change itself. Immutable; {@link #plus} and {@link #minus} return new versions sharing all untouched structure.
 */
public final class VersionedMap<K, V> extends AbstractMap<K, V> implements SortedMap<K, V> {
    /** Edits remembered; when twice as many pile up the older half is forgotten (those diffs walk instead). */
    private static final int REMEMBERED_EDITS = 256;

    /** One edit: {@code key} was set or removed in the version named by {@code from}, giving the next version. */
    private record Edit(Object from, Object key) {
    }

    private final TreePMap<K, V> tree;
    /** Newest first. */
    private final ConsPStack<Edit> edits;
    /** Names this version in later versions' edits without keeping it alive. */
    private final Object version = new Object();

    private VersionedMap(TreePMap<K, V> tree, ConsPStack<Edit> edits) {
        this.tree = tree;
        this.edits = edits;
    }

    public static <K extends Comparable<? super K>, V> VersionedMap<K, V> empty() {
        return new VersionedMap<K, V>(TreePMap.<K, V>empty(), ConsPStack.empty());
    }

    /** {@code map} itself when it is a versioned map already, else a first version holding a copy in its order. */
    @SuppressWarnings("unchecked") // an immutable map of V's subtype reads safely as a map of V
    public static <K, V> VersionedMap<K, V> of(SortedMap<K, ? extends V> map) {
        if (map instanceof VersionedMap<K, ? extends V> versioned) {
            return (VersionedMap<K, V>) versioned;
        }
        return new VersionedMap<>(TreePMap.fromSortedMap((SortedMap<K, V>) map), ConsPStack.empty());
    }

    public VersionedMap<K, V> plus(K key, V value) {
        return next(tree.plus(key, value), key);
    }

    public VersionedMap<K, V> minus(Object key) {
        return tree.containsKey(key) ? next(tree.minus(key), key) : this;
    }

    public VersionedMap<K, V> plusAll(Map<? extends K, ? extends V> entries) {
        VersionedMap<K, V> out = this;
        for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
            out = out.plus(entry.getKey(), entry.getValue());
        }
        return out;
    }

    /**
     * The next version holding exactly {@code now}'s entries: only the keys whose value is not the very object held
     * here are edited (for a store that re-reads everything but keeps unchanged objects as they were).
     */
    public VersionedMap<K, V> updatedTo(Map<K, ? extends V> now) {
        VersionedMap<K, V> out = this;
        for (K key : tree.keySet()) {
            if (!now.containsKey(key)) {
                out = out.minus(key);
            }
        }
        for (Map.Entry<K, ? extends V> entry : now.entrySet()) {
            if (tree.get(entry.getKey()) != entry.getValue() || !tree.containsKey(entry.getKey())) {
                out = out.plus(entry.getKey(), entry.getValue());
            }
        }
        return out;
    }

    private VersionedMap<K, V> next(TreePMap<K, V> changed, Object key) {
        ConsPStack<Edit> kept = edits.size() >= 2 * REMEMBERED_EDITS ? edits.subList(0, REMEMBERED_EDITS) : edits;
        return new VersionedMap<>(changed, kept.plus(new Edit(version, key)));
    }

    /**
     * Adds to {@code out} every key whose entry may differ between {@code a} and {@code b} (a superset: a key set
     * twice to the same value is named too) and returns true, when both are versioned maps of one lineage within
     * the edits they remember; else returns false and adds nothing (compare them whole).
     */
    @SuppressWarnings("unchecked") // the keys of either map are K
    public static <K> boolean keysChangedBetween(SortedMap<K, ?> a, SortedMap<K, ?> b, Collection<? super K> out) {
        if (!(a instanceof VersionedMap<K, ?> older) || !(b instanceof VersionedMap<K, ?> newer)) {
            return false;
        }
        if (older == newer) {
            return true;
        }
        // each version a has passed through, with how many of its edits (newest first) came after it
        Map<Object, Integer> aVersions = new IdentityHashMap<>();
        aVersions.put(older.version, 0);
        int index = 0;
        for (Edit edit : older.edits) {
            aVersions.putIfAbsent(edit.from(), ++index);
        }
        int bSince = newer.edits.size() + 1;
        Integer aSince = aVersions.get(newer.version);
        if (aSince != null) {
            bSince = 0;
        } else {
            index = 0;
            for (Edit edit : newer.edits) {
                index++;
                aSince = aVersions.get(edit.from());
                if (aSince != null) {
                    bSince = index;
                    break;
                }
            }
        }
        if (aSince == null) {
            return false; // no common version remembered
        }
        addKeys(older.edits, aSince, out);
        addKeys(newer.edits, bSince, out);
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <K> void addKeys(ConsPStack<Edit> edits, int count, Collection<? super K> out) {
        Iterator<Edit> newestFirst = edits.iterator();
        for (int i = 0; i < count; i++) {
            out.add((K) newestFirst.next().key());
        }
    }

    @Override
    public V get(Object key) {
        return tree.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return tree.containsKey(key);
    }

    @Override
    public int size() {
        return tree.size();
    }

    @Override
    public boolean isEmpty() {
        return tree.isEmpty();
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return tree.entrySet();
    }

    @Override
    public Set<K> keySet() {
        return tree.keySet();
    }

    @Override
    public Collection<V> values() {
        return tree.values();
    }

    @Override
    public Comparator<? super K> comparator() {
        return tree.comparator();
    }

    @Override
    public SortedMap<K, V> subMap(K fromKey, K toKey) {
        return tree.subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<K, V> headMap(K toKey) {
        return tree.headMap(toKey);
    }

    @Override
    public SortedMap<K, V> tailMap(K fromKey) {
        return tree.tailMap(fromKey);
    }

    @Override
    public K firstKey() {
        return tree.firstKey();
    }

    @Override
    public K lastKey() {
        return tree.lastKey();
    }
}
