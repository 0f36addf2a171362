package dev.portolan.proxy.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The one place that decides whether a route's regular expression (path, header or query match) is acceptable,
 * and compiles it. The dialect is RE2 (as Envoy's): matching takes time linear in the input, so no pattern can
 * stall a proxy worker by backtracking; backreferences and lookaround are not supported and are refused here.
 * The control plane calls this before publishing, the proxy when compiling its route table.
 */
public final class RouteRegex {
    private RouteRegex() {
    }

    /**
     * @param field names the field in the message, e.g. "PathMatch.value"
     * @throws IllegalArgumentException naming the field, the pattern and RE2's reason
     */
    public static Pattern compile(String regex, String field) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(field + " is not a valid RE2 regular expression: '" + regex + "' ("
                    + e.getDescription() + ")");
        }
    }

    /** The reason {@code regex} is refused, or null when it compiles. */
    public static String problem(String regex, String field) {
        try {
            compile(regex, field);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
