package dev.portolan.proxy.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowListTest {
    private final HostAllowList embedded = new HostAllowList(List.of("Portolan.Example.", "fd00::1"), false);

    @Test
    void loopbackAndConfiguredNamesOnAnyPort() {
        for (String host : List.of("localhost", "localhost:8080", "127.0.0.1:1", "[::1]", "[::1]:8080",
                "portolan.example", "PORTOLAN.EXAMPLE:443", "portolan.example.", "[fd00::1]:8080")) {
            assertTrue(embedded.allows(host), host);
        }
    }

    @Test
    void everythingElseIsRefused() {
        for (String host : List.of("attacker.example", "localhost.attacker.example", "portolan.example.evil",
                "10.0.0.1", "[fd00::2]", "", " ", "localhost:", "localhost:abc", "[::1]x", "a:b:c")) {
            assertFalse(embedded.allows(host), "'" + host + "'");
        }
        assertFalse(embedded.allows(null));
    }

    @Test
    void aStarAllowsEveryName() {
        assertTrue(new HostAllowList(List.of("*"), false).allows("anything.example"));
    }

    @Test
    void hostOfStripsThePort() {
        assertEquals("[::1]", HostAllowList.hostOf("[::1]:8080"));
        assertEquals("example.org", HostAllowList.hostOf("Example.ORG:443"));
        assertEquals(null, HostAllowList.hostOf("example.org:99999999"));
    }
}
