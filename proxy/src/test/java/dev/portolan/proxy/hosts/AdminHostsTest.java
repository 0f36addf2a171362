package dev.portolan.proxy.hosts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The proxy admin endpoint's Host rule: loopback names, and IP literals once its address is opened. */
class AdminHostsTest {
    private final HostAllowList loopbackOnly = HostAllowList.forServerBoundTo("127.0.0.1");
    private final HostAllowList opened = HostAllowList.forServerBoundTo("0.0.0.0");

    @Test
    void loopbackNamesOnAnyPort() {
        for (String host : List.of("localhost", "localhost:9901", "127.0.0.1", "127.0.0.1:9901", "[::1]",
                "[::1]:9901", "LocalHost.:9901")) {
            assertTrue(loopbackOnly.allows(host), host);
            assertTrue(opened.allows(host), host);
        }
    }

    @Test
    void ipLiteralsOnlyOnceTheAddressIsOpened() {
        for (String host : List.of("10.244.1.7:9901", "10.244.1.7", "[fd00::7]:9901")) {
            assertFalse(loopbackOnly.allows(host), host);
            assertTrue(opened.allows(host), host);
        }
    }

    @Test
    void otherNamesAreNeverAllowed() {
        for (String host : List.of("attacker.example", "attacker.example:9901", "localhost.attacker.example",
                "127.0.0.1.nip.io", "", "localhost:x", "[::1", "10.0.0.1:9901:1", "999.1.1.1")) {
            assertFalse(loopbackOnly.allows(host), host);
            assertFalse(opened.allows(host), host);
        }
        assertFalse(opened.allows(null));
    }

    @Test
    void loopbackBindAddressesKeepIpLiteralsOut() {
        for (String bind : List.of("127.0.0.1", "localhost", "::1", "127.0.0.205")) {
            assertFalse(HostAllowList.forServerBoundTo(bind).allows("10.0.0.1"), bind);
        }
    }
}
