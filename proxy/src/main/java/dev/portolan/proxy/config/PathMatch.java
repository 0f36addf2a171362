package dev.portolan.proxy.config;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** How a rule matches the request path. EXACT and PREFIX values start with '/'. */
public record PathMatch(PathMatchType type, String value) {
    public PathMatch {
        Checks.required(type, "PathMatch", "type");
        Checks.required(value, "PathMatch", "value");
        if (type != PathMatchType.REGEX && !value.startsWith("/")) {
            throw new IllegalArgumentException("PathMatch " + type + " value must start with '/', got '" + value + "'");
        }
        if (type == PathMatchType.REGEX) {
            RegexCheck.compile(value, "PathMatch.value");
        }
    }

    public static PathMatch exact(String value) {
        return new PathMatch(PathMatchType.EXACT, value);
    }

    public static PathMatch prefix(String value) {
        return new PathMatch(PathMatchType.PREFIX, value);
    }

    public static PathMatch regex(String value) {
        return new PathMatch(PathMatchType.REGEX, value);
    }

    /** Rejects invalid expressions when the config is built, not on the first request. */
    static final class RegexCheck {
        private RegexCheck() {
        }

        static Pattern compile(String regex, String field) {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(field + " is not a valid regular expression: '" + regex + "' ("
                        + e.getDescription() + ")");
            }
        }
    }
}
