package dev.portolan.graph;

import java.util.Objects;

/** One status condition as the graph decides it; generation and time are added when written as status. */
public record Condition(String type, boolean status, String reason, String message) {
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    public static Condition isTrue(String type, String reason, String message) {
        return new Condition(type, true, reason, message);
    }

    public static Condition isFalse(String type, String reason, String message) {
        return new Condition(type, false, reason, message);
    }
}
