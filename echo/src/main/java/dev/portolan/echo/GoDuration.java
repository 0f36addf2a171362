package dev.portolan.echo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go {@code time.ParseDuration} strings ("1s", "500ms", "1m30s", "1.5h", "100us"), the format the
 * conformance harness uses for the echo server's {@code delay} and {@code delayRetry} query parameters.
 * Negative durations are rejected: a delay cannot be negative.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /** @throws IllegalArgumentException naming the text when it is not a Go duration */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("duration is empty; expected a Go duration such as 1s or 500ms");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        String rest = text.startsWith("+") ? text.substring(1) : text;
        Matcher m = PART.matcher(rest);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("duration \"" + text + "\" is not a Go duration (e.g. 1s, 500ms, 1m30s)");
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            at = m.end();
        }
        if (at == 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" is not a Go duration (e.g. 1s, 500ms, 1m30s)");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalStateException("unit " + unit);
        };
    }
}
