package dev.portolan.model;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable hash map that a few changes copy cheaply: a shared base map and a small layer of changes over it
 * (a value, or removed). A new version copies only the layer; once the layer grows past an eighth of the base it is
 * folded into a new base. So a rebuild after one change costs about one entry, amortised, instead of a copy of
 * every entry. Values are never null. Safe to read from any thread once built; {@link Builder} is for one thread.
 */
public final class LayeredMap<K, V> {
    private static final Object REMOVED = new Object();
    private static final LayeredMap<?, ?> EMPTY = new LayeredMap<>(Map.of(), Map.of(), 0);

    private final Map<K, V> base;
    private final Map<K, Object> layer;
    private final int size;

    private LayeredMap(Map<K, V> base, Map<K, Object> layer, int size) {
        this.base = base;
        this.layer = layer;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    public static <K, V> LayeredMap<K, V> empty() {
        return (LayeredMap<K, V>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    /** A map of {@code entries}, which it takes over: the caller must not change them afterwards. */
    public static <K, V> LayeredMap<K, V> of(Map<K, V> entries) {
        return new LayeredMap<>(entries, Map.of(), entries.size());
    }

    public V get(K key) {
        Object changed = layer.isEmpty() ? null : layer.get(key);
        if (changed != null) {
            return changed == REMOVED ? null : (V) changed;
        }
        return base.get(key);
    }

    public boolean containsKey(K key) {
        return get(key) != null;
    }

    public int size() {
        return size;
    }

    /** Every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<K, V> action) {
        for (Map.Entry<K, V> entry : base.entrySet()) {
            if (!layer.containsKey(entry.getKey())) {
                action.accept(entry.getKey(), entry.getValue());
            }
        }
        for (Map.Entry<K, Object> entry : layer.entrySet()) {
            if (entry.getValue() != REMOVED) {
                action.accept(entry.getKey(), (V) entry.getValue());
            }
        }
    }

    /** A builder of the next version, starting from this one (which it never changes). */
    public Builder<K, V> toBuilder() {
        return new Builder<>(this);
    }

    public static final class Builder<K, V> {
        private final LayeredMap<K, V> from;
        private Map<K, Object> layer;
        private int size;

        private Builder(LayeredMap<K, V> from) {
            this.from = from;
            this.size = from.size;
        }

        public V get(K key) {
            if (layer == null) {
                return from.get(key);
            }
            Object changed = layer.get(key);
            if (changed != null) {
                @SuppressWarnings("unchecked")
                V value = changed == REMOVED ? null : (V) changed;
                return value;
            }
            return from.base.get(key);
        }

        public Builder<K, V> put(K key, V value) {
            if (get(key) == null) {
                size++;
            }
            layer().put(key, value);
            return this;
        }

        public Builder<K, V> remove(K key) {
            if (get(key) != null) {
                size--;
                if (from.base.containsKey(key)) {
                    layer().put(key, REMOVED);
                } else {
                    layer().remove(key);
                }
            }
            return this;
        }

        private Map<K, Object> layer() {
            if (layer == null) {
                layer = new HashMap<>(from.layer);
            }
            return layer;
        }

        @SuppressWarnings("unchecked")
        public LayeredMap<K, V> build() {
            if (layer == null) {
                return from;
            }
            if (layer.size() <= Math.max(32, from.base.size() / 8)) {
                return new LayeredMap<>(from.base, layer, size);
            }
            Map<K, V> folded = new HashMap<>(Math.max(16, size * 4 / 3 + 1));
            for (Map.Entry<K, V> entry : from.base.entrySet()) {
                if (!layer.containsKey(entry.getKey())) {
                    folded.put(entry.getKey(), entry.getValue());
                }
            }
            for (Map.Entry<K, Object> entry : layer.entrySet()) {
                if (entry.getValue() != REMOVED) {
                    folded.put(entry.getKey(), (V) entry.getValue());
                }
            }
            return new LayeredMap<>(folded, Map.of(), size);
        }
    }
}
