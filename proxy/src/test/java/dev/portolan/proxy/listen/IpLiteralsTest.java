package dev.portolan.proxy.listen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {
    @Test
    void acceptsIpv4AndIpv6Literals() {
        for (String ok : List.of("0.0.0.0", "127.0.0.1", "10.96.0.10", "255.255.255.255", "::", "::1", "fd00::1",
                "2001:db8:0:0:0:0:0:1", "fe80::1:2", "::ffff:10.0.0.1", "1::", "1:2:3:4:5:6:7::")) {
            assertTrue(IpLiterals.isIpLiteral(ok), ok);
        }
    }

    @Test
    void refusesNamesAndMalformedAddresses() {
        for (String bad : List.of("", "localhost", "0.0.0", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.-4",
                "1..2.3", ":::", "1:::2", "1::2::3", ":1::2", "1::2:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
                "12345::1", "g::1", "::1.2.3", "[::1]", " 0.0.0.0")) {
            assertFalse(IpLiterals.isIpLiteral(bad), bad);
        }
        assertFalse(IpLiterals.isIpLiteral(null));
    }
}
