package dev.portolan.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gateway API duration strings (GEP-2257): one to four {@code <1-5 digits><unit>} pairs with units h, m, s, ms,
 * e.g. {@code 1h30m}, {@code 500ms}, {@code 0s}. {@code 0s} means "disabled" where the API says so.
 */
public final class GatewayDuration {
    private static final Pattern WHOLE = Pattern.compile("^([0-9]{1,5}(h|ms|m|s)){1,4}$");
    private static final Pattern PART = Pattern.compile("([0-9]{1,5})(h|ms|m|s)");

    private GatewayDuration() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming the value and the expected format
     */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a Gateway API duration "
                    + "(1 to 4 parts of up to 5 digits followed by h, m, s or ms, e.g. 10s, 500ms, 1h30m)");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return total;
    }

    /** Formats a duration the way Gateway API writes it, e.g. {@code 1h30m}, {@code 2s}, {@code 250ms}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds > 0) {
            out.append(seconds).append('s');
        }
        if (millis > 0) {
            out.append(millis).append("ms");
        }
        return out.toString();
    }
}
