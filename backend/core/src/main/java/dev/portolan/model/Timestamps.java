package dev.portolan.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps as Kubernetes writes them in metadata. */
public final class Timestamps {
    private Timestamps() {
    }

    public static Instant parseOrEpoch(String text) {
        if (text == null || text.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
