package dev.portolan.proxy.forward;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One CORS allowOrigins entry: "*", an exact origin, or an origin with "*" wildcards where "*" spans any
 * characters including dots (https://*.example.com matches https://a.b.example.com). Case-insensitive.
 */
record OriginPattern(String text, Pattern regex) {

    static OriginPattern of(String text) {
        if (text.equals("*")) {
            return new OriginPattern(text, null);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : text.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return new OriginPattern(text, Pattern.compile(regex.toString()));
    }

    boolean matches(String origin) {
        return regex == null || regex.matcher(origin.toLowerCase(Locale.ROOT)).matches();
    }
}
