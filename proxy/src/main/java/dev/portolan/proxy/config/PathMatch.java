package dev.portolan.proxy.config;

/** How a rule matches the request path. EXACT and PREFIX values start with '/'. */
public record PathMatch(PathMatchType type, String value) {
    public PathMatch {
        Checks.required(type, "PathMatch", "type");
        Checks.required(value, "PathMatch", "value");
        if (type != PathMatchType.REGEX && !value.startsWith("/")) {
            throw new IllegalArgumentException("PathMatch " + type + " value must start with '/', got '" + value + "'");
        }
        if (type == PathMatchType.REGEX) {
            RouteRegex.compile(value, "PathMatch.value");
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
}
