package dev.portolan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class VersionedMapTest {
    @Test
    void aVersionedMapIsTakenAsItIsAndAnyOtherSortedMapIsCopiedInItsOwnOrder() {
        VersionedMap<String, Integer> map = VersionedMap.<String, Integer>empty().plus("b", 2).plus("a", 1);
        assertSame(map, VersionedMap.of(map));

        SortedMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.put("a", 1);
        reversed.put("c", 3);
        VersionedMap<String, Integer> copy = VersionedMap.of(reversed);
        reversed.put("d", 4);
        assertEquals(List.of("e", "c", "a"), List.copyOf(copy.plus("e", 5).keySet()), "the copy keeps its order");
        assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 0));
    }

    @Test
    void versionsOfOneLineageNameTheKeysTheirEditsTouchedSinceTheirCommonVersion() {
        VersionedMap<String, Integer> base = VersionedMap.<String, Integer>empty().plus("a", 1).plus("b", 2);
        VersionedMap<String, Integer> left = base.plus("c", 3).minus("a");
        VersionedMap<String, Integer> right = base.plus("d", 4);

        assertEquals(new TreeSet<>(List.of("a", "c")), changed(base, left), "an ancestor and its descendant");
        assertEquals(new TreeSet<>(List.of("a", "c")), changed(left, base), "either way round");
        assertEquals(new TreeSet<>(List.of("a", "c", "d")), changed(left, right), "two branches of one version");
        assertEquals(new TreeSet<>(), changed(left, left));
    }

    @Test
    void updatedToEditsOnlyTheKeysWhoseObjectIsNotTheOneHeld() {
        String kept = "kept";
        VersionedMap<String, String> last = VersionedMap.<String, String>empty().plus("a", kept)
                .plus("b", "equal").plus("gone", "x");
        TreeMap<String, String> now = new TreeMap<>();
        now.put("a", kept);
        now.put("b", new String("equal")); // an equal value, another object: counts as changed
        now.put("new", "y");

        VersionedMap<String, String> next = last.updatedTo(now);

        assertEquals(now, next);
        assertEquals(new TreeSet<>(List.of("b", "gone", "new")), changedKeys(last, next));
        assertSame(next, next.updatedTo(next), "nothing to edit: the same version");
    }

    @Test
    void unrelatedMapsAndForgottenHistoryAreComparedWhole() {
        VersionedMap<String, Integer> first = VersionedMap.<String, Integer>empty().plus("a", 1);
        VersionedMap<String, Integer> unrelated = VersionedMap.<String, Integer>empty().plus("a", 1);
        List<String> out = new ArrayList<>();
        assertFalse(VersionedMap.keysChangedBetween(first, unrelated, out));
        assertFalse(VersionedMap.keysChangedBetween(first, new TreeMap<>(first), out));

        VersionedMap<String, Integer> later = first;
        for (int i = 0; i < 1000; i++) {
            later = later.plus("k" + i, i);
        }
        assertFalse(VersionedMap.keysChangedBetween(first, later, out), "1,000 edits later the start is forgotten");
        assertTrue(out.isEmpty());
    }

    /** SortedDiff over versions (keys named by their edits) reports exactly what a walk of both maps does. */
    @Test
    void sortedDiffOfVersionsMatchesAWalkOfCopies() {
        Random random = new Random(42);
        VersionedMap<Integer, String> base = VersionedMap.empty();
        for (int i = 0; i < 500; i++) {
            base = base.plus(i * 2, "v" + i);
        }
        for (int round = 0; round < 200; round++) {
            VersionedMap<Integer, String> left = edit(base, random);
            VersionedMap<Integer, String> right = random.nextBoolean() ? edit(left, random) : edit(base, random);
            assertEquals(diff(new TreeMap<>(left), new TreeMap<>(right)), diff(left, right), "round " + round);
            base = right;
        }
    }

    private static VersionedMap<Integer, String> edit(VersionedMap<Integer, String> map, Random random) {
        VersionedMap<Integer, String> out = map;
        for (int i = random.nextInt(6); i >= 0; i--) {
            int key = random.nextInt(1200);
            int what = random.nextInt(3);
            out = what == 0 ? out.minus(key) : what == 1 ? out.plus(key, "r" + random.nextInt(1000))
                    : out.containsKey(key) ? out.plus(key, out.get(key)) : out; // the very value again: no change
        }
        return out;
    }

    private static List<String> diff(SortedMap<Integer, String> before, SortedMap<Integer, String> after) {
        List<String> changes = new ArrayList<>();
        SortedDiff.forEach(before, after, (key, then, now) -> changes.add(key + ": " + then + " -> " + now));
        return changes;
    }

    private static TreeSet<String> changedKeys(SortedMap<String, ?> a, SortedMap<String, ?> b) {
        TreeSet<String> out = new TreeSet<>();
        assertTrue(VersionedMap.keysChangedBetween(a, b, out));
        return out;
    }

    private static TreeSet<String> changed(SortedMap<String, Integer> a, SortedMap<String, Integer> b) {
        TreeSet<String> out = new TreeSet<>();
        assertTrue(VersionedMap.keysChangedBetween(a, b, out));
        return out;
    }
}
