package dev.portolan.api.access;

import java.util.Locale;
import java.util.Optional;

/** What a token may do: a viewer reads, an editor reads and writes. */
public enum Role {
    VIEWER,
    EDITOR;

    public boolean mayWrite() {
        return this == EDITOR;
    }

    /** The name used in the tokens file and in answers: {@code viewer}, {@code editor}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
