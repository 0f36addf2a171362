package dev.portolan.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.store.LoadProblem;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WatchHealthTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    private final WatchHealth health = new WatchHealth();
    private final Object informer = new Object();
    private final AtomicBoolean listed = new AtomicBoolean(true);
    private final AtomicBoolean watching = new AtomicBoolean(true);

    WatchHealthTest() {
        health.add(informer, "Service v1 in all namespaces", listed::get, watching::get);
    }

    @Test
    void aWatchDownLongerThanTheGraceIsAProblemUntilItIsBack() {
        assertFalse(health.check(T0));
        watching.set(false);
        assertFalse(health.check(T0), "just noticed");
        assertFalse(health.check(T0.plus(WatchHealth.GRACE).minusMillis(1)), "within the grace");
        assertTrue(health.check(T0.plus(WatchHealth.GRACE)));
        LoadProblem problem = health.problems().get(0);
        assertEquals("Service v1 in all namespaces: watch interrupted since 2026-06-01T12:00:00Z, reconnecting",
                problem.reason());
        assertTrue(problem.keptPrevious(), "the objects last listed are still served");
        assertFalse(health.check(T0.plusSeconds(30)), "unchanged while still down");

        watching.set(true);
        assertTrue(health.check(T0.plusSeconds(31)));
        assertEquals(List.of(), health.problems());
    }

    @Test
    void aShortReconnectIsNoProblem() {
        watching.set(false);
        health.check(T0);
        watching.set(true);
        assertFalse(health.check(T0.plusMillis(300)));
        watching.set(false);
        assertFalse(health.check(T0.plusMillis(1100)), "the grace starts again");
        assertEquals(List.of(), health.problems());
    }

    @Test
    void aFailureIsAProblemAtOnceKeepsItsFirstTimeAndEndsWhenWatchingAgain() {
        listed.set(false);
        watching.set(false);
        assertTrue(health.failed(informer, new IOException("connection refused"), T0));
        assertFalse(health.failed(informer, new IOException("still refused"), T0.plusSeconds(5)),
                "retries do not churn the problem");
        LoadProblem problem = health.problems().get(0);
        assertEquals("Service v1 in all namespaces cannot be read since 2026-06-01T12:00:00Z: connection refused;"
                + " retrying", problem.reason());
        assertFalse(problem.keptPrevious(), "nothing was listed yet");
        assertFalse(health.check(T0.plusSeconds(10)));

        listed.set(true);
        watching.set(true);
        assertTrue(health.check(T0.plusSeconds(11)));
        assertEquals(List.of(), health.problems());
    }

    @Test
    void aRemovedInformerHasNoProblem() {
        health.failed(informer, new IOException("403 Forbidden"), T0);
        health.remove(informer);
        assertEquals(List.of(), health.problems());
        assertFalse(health.failed(informer, new IOException("403 Forbidden"), T0), "unknown informers are ignored");
    }
}
