package dev.portolan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every version of a layered map holds what a plain map changed the same way holds, across layers and folds, and
 * an earlier version never sees a later one's changes.
 */
class LayeredMapTest {

    @Test
    void everyVersionHoldsWhatAPlainMapHolds() {
        Random random = new Random(7);
        Map<Integer, String> start = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            start.put(i, "v" + i);
        }
        LayeredMap<Integer, String> map = LayeredMap.of(new HashMap<>(start));
        List<LayeredMap<Integer, String>> versions = new ArrayList<>();
        List<Map<Integer, String>> expected = new ArrayList<>();
        Map<Integer, String> plain = new HashMap<>(start);
        for (int version = 0; version < 300; version++) {
            LayeredMap.Builder<Integer, String> next = map.toBuilder();
            for (int change = random.nextInt(4); change >= 0; change--) {
                int key = random.nextInt(700);
                if (random.nextInt(3) == 0) {
                    next.remove(key);
                    plain.remove(key);
                } else {
                    String value = "v" + key + "." + version;
                    next.put(key, value);
                    plain.put(key, value);
                }
            }
            map = next.build();
            versions.add(map);
            expected.add(new HashMap<>(plain));
        }
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(expected.get(i), contents(versions.get(i)), "version " + i);
            assertEquals(expected.get(i).size(), versions.get(i).size(), "size of version " + i);
            for (int key = 0; key < 700; key++) {
                assertEquals(expected.get(i).get(key), versions.get(i).get(key), "version " + i + " key " + key);
            }
        }
    }

    @Test
    void aBuilderWithoutChangesGivesTheSameMap() {
        LayeredMap<String, String> map = LayeredMap.of(new HashMap<>(Map.of("a", "1")));
        assertSame(map, map.toBuilder().build());
        assertSame(map, map.toBuilder().remove("missing").build());
    }

    private static <K, V> Map<K, V> contents(LayeredMap<K, V> map) {
        Map<K, V> out = new HashMap<>();
        map.forEach(out::put);
        return out;
    }
}
