package dev.portolan.api.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Browser sessions: a random 256-bit id (the HttpOnly cookie) mapped server-side to the token the user signed in
 * with, and a CSRF token tied to the session. Bounded (the least recently used session goes first) and expiring
 * after an idle period, so a flood of sign-ins costs a fixed amount of memory. Thread-safe.
 */
public final class BrowserSessions {
    public static final String SESSION_COOKIE = "portolan-session";
    /** Readable by the page's script, which sends it back as {@code X-CSRF-Token}; checked against the session. */
    public static final String CSRF_COOKIE = "portolan-csrf";
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(12);
    public static final int MAX_SESSIONS = 1000;

    private static final BrowserSessions SHARED = new BrowserSessions(Clock.systemUTC(), MAX_SESSIONS, IDLE_TIMEOUT);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in browser: the token it presented at sign-in and its CSRF token. */
    public record Session(String id, String token, String csrfToken) {
        @Override
        public String toString() {
            return "Session[hidden]"; // never log the token or the ids
        }
    }

    private record Entry(Session session, Instant lastUsed) {
    }

    private final Clock clock;
    private final int maxSessions;
    private final Duration idleTimeout;
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(16, 0.75f, true);

    public BrowserSessions(Clock clock, int maxSessions, Duration idleTimeout) {
        this.clock = clock;
        this.maxSessions = maxSessions;
        this.idleTimeout = idleTimeout;
    }

    /** The process-wide store that {@code RequestCredentials} and the sign-in page share. */
    public static BrowserSessions shared() {
        return SHARED;
    }

    /** Starts a session for a token already checked by the caller. */
    public synchronized Session start(String token) {
        Instant now = clock.instant();
        dropExpired(now);
        while (sessions.size() >= maxSessions) {
            Iterator<String> eldest = sessions.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        Session session = new Session(randomId(), token, randomId());
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The live session with this id, its idle clock restarted; empty when unknown or expired. */
    public synchronized Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.put(id, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    /** Signs out: the id no longer maps to anything. */
    public synchronized void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    public synchronized int size() {
        return sessions.size();
    }

    private void dropExpired(Instant now) {
        // access order: the least recently used come first, so stop at the first live one
        for (Iterator<Map.Entry<String, Entry>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            if (!expired(it.next().getValue(), now)) {
                return;
            }
            it.remove();
        }
    }

    private boolean expired(Entry entry, Instant now) {
        return !entry.lastUsed().plus(idleTimeout).isAfter(now);
    }

    private static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
