package dev.portolan.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class LoopbackAddressesTest {

    @Test
    void firstAllocationFollowsKeyOrderFrom127_0_0_10() {
        SortedMap<String, String> allocation = LoopbackAddresses.allocate(Map.of(), List.of("ns/b", "ns/a", "other/gw"));

        assertEquals(Map.of("ns/a", "127.0.0.10", "ns/b", "127.0.0.11", "other/gw", "127.0.0.12"), allocation);
        assertEquals(List.of("ns/a", "ns/b", "other/gw"), new ArrayList<>(allocation.keySet()));
    }

    @Test
    void existingGatewaysKeepTheirAddressesWhenOthersArrive() {
        Map<String, String> previous = Map.of("ns/z", "127.0.0.10", "ns/y", "127.0.0.11");

        SortedMap<String, String> allocation = LoopbackAddresses.allocate(previous, List.of("ns/a", "ns/y", "ns/z"));

        assertEquals(Map.of("ns/z", "127.0.0.10", "ns/y", "127.0.0.11", "ns/a", "127.0.0.12"), allocation);
    }

    @Test
    void removedGatewaysFreeTheirAddressForTheLowestNewcomer() {
        Map<String, String> previous = Map.of("ns/a", "127.0.0.10", "ns/b", "127.0.0.11", "ns/c", "127.0.0.12");

        SortedMap<String, String> allocation = LoopbackAddresses.allocate(previous, List.of("ns/c", "ns/d", "ns/e"));

        assertEquals(Map.of("ns/c", "127.0.0.12", "ns/d", "127.0.0.10", "ns/e", "127.0.0.11"), allocation);
    }

    @Test
    void sameInputGivesSameAllocation() {
        Map<String, String> previous = Map.of("ns/a", "127.0.0.13");
        List<String> keys = List.of("ns/c", "ns/a", "ns/b");

        assertEquals(LoopbackAddresses.allocate(previous, keys), LoopbackAddresses.allocate(previous, List.of("ns/b", "ns/c", "ns/a")));
    }

    @Test
    void rejectsAPreviousAddressOutsideTheRange() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LoopbackAddresses.allocate(Map.of("ns/a", "127.0.0.1"), List.of("ns/a")));

        assertTrue(error.getMessage().contains("ns/a"), error.getMessage());
        assertTrue(error.getMessage().contains("127.0.0.1"), error.getMessage());
    }

    @Test
    void rejectsOneAddressGivenToTwoGateways() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LoopbackAddresses.allocate(Map.of("ns/a", "127.0.0.10", "ns/b", "127.0.0.10"), List.of("ns/a", "ns/b")));

        assertTrue(error.getMessage().contains("ns/b"), error.getMessage());
    }

    @Test
    void failsWhenAddressesRunOut() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 246; i++) {
            keys.add(String.format("ns/gw-%03d", i));
        }

        assertEquals("127.0.0.254", LoopbackAddresses.allocate(Map.of(), keys.subList(0, 245)).get("ns/gw-244"));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> LoopbackAddresses.allocate(Map.of(), keys));
        assertTrue(error.getMessage().contains("ns/gw-245"), error.getMessage());
    }
}
