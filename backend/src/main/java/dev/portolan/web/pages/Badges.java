package dev.portolan.web.pages;

import java.util.Locale;

/** The CSS class of a status badge: True, False, Partial, anything else Unknown. */
public final class Badges {
    private Badges() {
    }

    public static String cssClass(String status) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "false", "partial" -> "status-" + s;
            default -> "status-unknown";
        };
    }
}
