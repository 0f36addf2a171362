package dev.portolan.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portolan.api.problem.ApiException;
import org.junit.jupiter.api.Test;

class ContinueTokenTest {
    @Test
    void roundTripsVersionAndKey() {
        ContinueToken token = new ContinueToken(42, ReadIndex.sortKey("team-a", "route-7"));
        String encoded = token.encode();
        assertFalse(encoded.contains("team-a"), "opaque");
        assertFalse(encoded.contains("="), "URL-safe without padding");
        assertEquals(token, ContinueToken.decode(encoded));
    }

    @Test
    void keysWithAnyCharacterSurvive() {
        ContinueToken token = new ContinueToken(1, "ns\u0001name\nwith/odd+chars");
        assertEquals(token, ContinueToken.decode(token.encode()));
    }

    @Test
    void foreignTokensAreBadRequestsNamingContinue() {
        for (String bad : new String[] {"garbage!", "bm90LW91cnM", ""}) {
            ApiException error = assertThrows(ApiException.class, () -> ContinueToken.decode(bad));
            assertEquals("continue", error.field());
        }
    }
}
