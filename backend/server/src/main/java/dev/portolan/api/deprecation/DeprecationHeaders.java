package dev.portolan.api.deprecation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The header values a {@link DeprecatedOperation} announces. Pure: no I/O. */
public final class DeprecationHeaders {
    /** IMF-fixdate (RFC 9110): RFC_1123_DATE_TIME would write a one-digit day of month. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private DeprecationHeaders() {
    }

    /**
     * @return header name to value: {@code Deprecation: @<unix seconds>} (RFC 9745 structured date), and when set
     *         {@code Sunset: <IMF-fixdate>} (RFC 8594) and {@code Link: <link>; rel="deprecation"}
     * @throws IllegalArgumentException naming the member when {@code since} or {@code sunset} is not an ISO-8601
     *         instant, or the sunset is not after the deprecation
     */
    public static Map<String, String> of(DeprecatedOperation deprecation) {
        return of(deprecation.since(), deprecation.sunset(), deprecation.link());
    }

    static Map<String, String> of(String since, String sunset, String link) {
        Map<String, String> headers = new LinkedHashMap<>();
        Instant deprecated = instant("since", since);
        headers.put("Deprecation", "@" + deprecated.getEpochSecond());
        if (!sunset.isEmpty()) {
            Instant removal = instant("sunset", sunset);
            if (!removal.isAfter(deprecated)) {
                throw new IllegalArgumentException("DeprecatedOperation.sunset " + sunset + " is not after since "
                        + since);
            }
            headers.put("Sunset", HTTP_DATE.format(removal));
        }
        if (!link.isEmpty()) {
            if (link.contains(">") || link.contains("<") || link.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("DeprecatedOperation.link is not a URI reference: " + link);
            }
            headers.put("Link", "<" + link + ">; rel=\"deprecation\"");
        }
        return headers;
    }

    private static Instant instant(String member, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("DeprecatedOperation." + member + " is not an ISO-8601 instant: "
                    + text, e);
        }
    }
}
