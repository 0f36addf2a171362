package dev.portolan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The walk in step reports exactly the keys whose value is not the same object, each once, in key order. */
class SortedDiffTest {

    @Test
    void reportsWhatComparingEveryKeyGives() {
        Random random = new Random(3);
        SortedMap<Integer, Object> before = new TreeMap<>();
        for (int step = 0; step < 300; step++) {
            SortedMap<Integer, Object> after = new TreeMap<>(before);
            for (int n = random.nextInt(5); n > 0; n--) {
                int key = random.nextInt(40);
                if (random.nextInt(3) == 0) {
                    after.remove(key);
                } else {
                    after.put(key, new Object());
                }
            }
            List<String> expected = new ArrayList<>();
            for (Integer key : new TreeSet<>(union(before, after))) {
                Object then = before.get(key);
                Object now = after.get(key);
                if (then != now) {
                    expected.add(key + ":" + (then != null) + ":" + (now != null));
                }
            }
            List<String> reported = new ArrayList<>();
            SortedMap<Integer, Object> last = before;
            SortedDiff.forEach(Collections.unmodifiableSortedMap(before), after, (key, then, now) -> {
                assertEquals(last.get(key), then);
                assertEquals(after.get(key), now);
                reported.add(key + ":" + (then != null) + ":" + (now != null));
            });
            assertEquals(expected, reported, "step " + step);
            before = after;
        }
    }

    private static List<Integer> union(SortedMap<Integer, Object> a, SortedMap<Integer, Object> b) {
        List<Integer> keys = new ArrayList<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
