package dev.portolan.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CORS origin patterns and certificate host-name matching. */
class MatchingRulesTest {

    @Test
    void originWildcardsSpanDotsAndIgnoreCase() {
        OriginPattern bar = OriginPattern.of("https://*.bar.com");
        assertTrue(bar.matches("https://www.bar.com"));
        assertTrue(bar.matches("https://xpto.www.bar.com"));
        assertTrue(bar.matches("HTTPS://WWW.BAR.COM"));
        assertFalse(bar.matches("https://bar.com"));
        assertFalse(bar.matches("http://www.bar.com"));
        assertFalse(bar.matches("https://www.bar.com.evil.org"));
        assertTrue(OriginPattern.of("*").matches("https://foobar.com:12345"));
        assertTrue(OriginPattern.of("https://www.foo.com").matches("https://www.foo.com"));
        assertFalse(OriginPattern.of("https://www.foo.com").matches("https://www.foo.com:8443"));
    }

    @Test
    void certificateWildcardsCoverExactlyOneLabel() {
        assertTrue(ServerNameCheck.hostMatches("abc.example.com", "ABC.example.com"));
        assertTrue(ServerNameCheck.hostMatches("*.example.com", "abc.example.com"));
        assertFalse(ServerNameCheck.hostMatches("*.example.com", "a.b.example.com"));
        assertFalse(ServerNameCheck.hostMatches("*.example.com", "example.com"));
        assertFalse(ServerNameCheck.hostMatches("abc.example.com", "abc.example.org"));
    }
}
