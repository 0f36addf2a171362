package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void parsesSingleUnits() {
        assertEquals(Duration.ofSeconds(1), GoDuration.parse("1s"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
        assertEquals(Duration.ofNanos(100_000), GoDuration.parse("100us"));
        assertEquals(Duration.ofNanos(7), GoDuration.parse("7ns"));
        assertEquals(Duration.ofHours(2), GoDuration.parse("2h"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
    }

    @Test
    void parsesCompoundAndFractionalValues() {
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1s500ms"));
        assertEquals(Duration.ofMillis(250), GoDuration.parse(".25s"));
    }

    @Test
    void rejectsNonGoDurationsNamingTheText() {
        for (String bad : new String[]{"", "1", "s", "-1s", "1 s", "1sec", "1d", "abc"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("duration"), e.getMessage());
        }
    }
}
