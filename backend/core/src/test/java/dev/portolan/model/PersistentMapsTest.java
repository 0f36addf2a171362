package dev.portolan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pcollections.TreePMap;

class PersistentMapsTest {
    @Test
    void aPersistentMapIsTakenAsItIsWithoutACopy() {
        TreePMap<String, Integer> map = TreePMap.<String, Integer>empty().plus("b", 2).plus("a", 1);

        assertSame(map, PersistentMaps.of(map));
    }

    @Test
    void anyOtherSortedMapIsCopiedInItsOwnOrderAndTheCopyCannotBeChanged() {
        SortedMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.put("a", 1);
        reversed.put("c", 3);
        reversed.put("b", 2);

        TreePMap<String, Integer> copy = PersistentMaps.of(reversed);
        reversed.put("d", 4);

        assertEquals(List.of("c", "b", "a"), List.copyOf(copy.keySet()));
        assertEquals(List.of("e", "c", "b", "a"), List.copyOf(copy.plus("e", 5).keySet()), "the copy keeps the order");
        assertThrows(UnsupportedOperationException.class, () -> copy.put("x", 0));
    }
}
