package dev.portolan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayDurationTest {

    @ParameterizedTest
    @CsvSource({"0s,0", "1ms,1", "500ms,500", "10s,10000", "1m,60000", "1h30m,5400000", "1h2m3s4ms,3723004",
            "99999ms,99999"})
    void parsesGep2257Durations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), GatewayDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "1.5s", "-1s", "10 seconds", "1d", "100000s", "1h1m1s1ms1h", "s"})
    void rejectsEverythingElseNamingTheValue(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> GatewayDuration.parse(text));
        assertTrue(error.getMessage().contains("\"" + text + "\""), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "250,250ms", "2000,2s", "5400000,1h30m", "3723004,1h2m3s4ms"})
    void formatsAsGatewayApiWritesIt(long millis, String text) {
        assertEquals(text, GatewayDuration.format(Duration.ofMillis(millis)));
    }
}
