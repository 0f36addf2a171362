package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rule 4: Location parsing, with the port rules (given = must match; null = absent or the scheme's default). */
class RedirectCheckTest {
    private static Optional<String> check(String wanted, String location) {
        return RedirectCheck.mismatch(HttpComparisonRulesTest.json(wanted), location);
    }

    @Test
    void aNullPortAcceptsNoPortOrTheDefaultOfTheScheme() {
        String wanted = "{\"scheme\": \"https\", \"host\": \"example.org\", \"port\": null, \"path\": \"/x\"}";
        assertEquals(Optional.empty(), check(wanted, "https://example.org/x"));
        assertEquals(Optional.empty(), check(wanted, "https://example.org:443/x"));
        assertEquals(Optional.of("redirect Location \"https://example.org:8443/x\": port 8443, expected none or the default port of https"),
                check(wanted, "https://example.org:8443/x"));
    }

    @Test
    void aGivenPortMustMatch() {
        String wanted = "{\"scheme\": \"http\", \"host\": null, \"port\": 8080, \"path\": \"/\"}";
        assertEquals(Optional.empty(), check(wanted, "http://anything:8080"));
        assertEquals(Optional.of("redirect Location \"http://anything/\": port absent, expected 8080"), check(wanted, "http://anything/"));
    }

    @Test
    void schemeHostAndPathAreCompared() {
        String wanted = "{\"scheme\": \"https\", \"host\": \"example.org\", \"port\": null, \"path\": \"/x\"}";
        assertEquals(Optional.of("redirect Location \"http://example.org/x\": scheme \"http\", expected \"https\""), check(wanted, "http://example.org/x"));
        assertEquals(Optional.of("redirect Location \"https://other.org/x\": host \"other.org\", expected \"example.org\""), check(wanted, "https://other.org/x"));
        assertEquals(Optional.of("redirect Location \"https://example.org/y\": path \"/y\", expected \"/x\""), check(wanted, "https://example.org/y"));
        assertEquals(Optional.of("redirect without a Location header"), check(wanted, null));
    }
}
