package dev.portolan.web.pages;

import java.util.Locale;
import java.util.Set;

/** The CSS class of a status badge: True, False, Partial, anything else Unknown; healthy negatives are neutral. */
public final class Badges {
    /** Condition types where False is the healthy state (Gateway API "abnormal-true" conditions). */
    private static final Set<String> NEGATIVE_POLARITY = Set.of("Conflicted", "OverlappingTLSConfig", "Detached");

    private Badges() {
    }

    /**
     * The badge class of a condition. A negative condition in its healthy state ({@code Conflicted=False}) is
     * neutral grey: green "Conflicted" reads like an alarm, and there is nothing to look at.
     */
    public static String forCondition(String type, String status) {
        if (NEGATIVE_POLARITY.contains(type)) {
            if ("True".equals(status)) {
                return "status-false";
            }
            if ("False".equals(status)) {
                return "status-neutral";
            }
        }
        return cssClass(status);
    }

    public static String cssClass(String status) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "false", "partial" -> "status-" + s;
            default -> "status-unknown";
        };
    }
}
