package dev.portolan.conformance;

import java.time.Duration;

/** Sleeping between polls; an interrupt ends the run's waiting with an error instead of being swallowed. */
final class Pause {
    private Pause() {
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("conformance run interrupted", e);
        }
    }
}
