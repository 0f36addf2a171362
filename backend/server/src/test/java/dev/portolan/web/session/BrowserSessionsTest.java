package dev.portolan.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.api.access.BrowserSessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The session store: random ids, idle expiry, a bound, sign-out. */
class BrowserSessionsTest {
    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final BrowserSessions sessions = new BrowserSessions(clock, 3, Duration.ofHours(12));

    @Test
    void idsAndCsrfTokensAreRandomAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            BrowserSessions.Session session = new BrowserSessions(clock, 10, Duration.ofHours(1)).start("t");
            assertTrue(seen.add(session.id()));
            assertTrue(seen.add(session.csrfToken()));
            assertEquals(43, session.id().length());
        }
    }

    @Test
    void aSessionExpiresAfterTwelveIdleHoursAndUseKeepsItAlive() {
        BrowserSessions.Session used = sessions.start("a");
        BrowserSessions.Session idle = sessions.start("b");
        clock.now = clock.now.plus(Duration.ofHours(11));
        assertEquals("a", sessions.find(used.id()).orElseThrow().token());
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertTrue(sessions.find(idle.id()).isEmpty(), "13 idle hours");
        assertEquals("a", sessions.find(used.id()).orElseThrow().token(), "used 2 hours ago");
    }

    @Test
    void theStoreIsBoundedAndTheLeastRecentlyUsedGoesFirst() {
        BrowserSessions.Session first = sessions.start("1");
        BrowserSessions.Session second = sessions.start("2");
        sessions.start("3");
        sessions.find(first.id());
        for (int i = 0; i < 100; i++) {
            sessions.start("flood");
        }
        assertEquals(3, sessions.size());
        assertTrue(sessions.find(second.id()).isEmpty());
    }

    @Test
    void signOutForgetsTheSession() {
        BrowserSessions.Session session = sessions.start("t");
        sessions.end(session.id());
        assertTrue(sessions.find(session.id()).isEmpty());
        assertTrue(sessions.find("").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertNotEquals("t", String.valueOf(session), "toString hides the token");
    }
}
