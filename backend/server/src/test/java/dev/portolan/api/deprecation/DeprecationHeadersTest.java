package dev.portolan.api.deprecation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeprecationHeadersTest {
    @Test
    void deprecationIsAStructuredDateAndSunsetAnHttpDate() {
        Map<String, String> headers = DeprecationHeaders.of("2026-12-01T00:00:00Z", "2027-06-30T23:59:59Z",
                "https://portolan.dev/releases/0.2#deprecations");
        assertEquals("@1796083200", headers.get("Deprecation"));
        assertEquals("Wed, 30 Jun 2027 23:59:59 GMT", headers.get("Sunset"));
        assertEquals("<https://portolan.dev/releases/0.2#deprecations>; rel=\"deprecation\"", headers.get("Link"));
    }

    @Test
    void theSunsetDayHasTwoDigits() {
        assertEquals("Tue, 01 Jun 2027 00:00:00 GMT",
                DeprecationHeaders.of("2026-12-01T00:00:00Z", "2027-06-01T00:00:00Z", "").get("Sunset"));
    }

    @Test
    void withoutARemovalDateOnlyDeprecationIsSent() {
        assertEquals(Map.of("Deprecation", "@0"), DeprecationHeaders.of("1970-01-01T00:00:00Z", "", ""));
    }

    @Test
    void aMalformedDateNamesTheMember() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeprecationHeaders.of("2026-12-01", "", ""));
        assertTrue(e.getMessage().contains("DeprecatedOperation.since"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeprecationHeaders.of("2026-12-01T00:00:00Z", "2026-11-01T00:00:00Z", ""));
        assertTrue(e.getMessage().contains("sunset"), e.getMessage());
    }

    @Test
    void aLinkCannotInjectAnotherHeaderOrLinkParameter() {
        assertThrows(IllegalArgumentException.class,
                () -> DeprecationHeaders.of("2026-12-01T00:00:00Z", "", "https://a.example/>; rel=\"next"));
        assertThrows(IllegalArgumentException.class,
                () -> DeprecationHeaders.of("2026-12-01T00:00:00Z", "", "https://a.example/\r\nSet-Cookie: x=1"));
    }
}
