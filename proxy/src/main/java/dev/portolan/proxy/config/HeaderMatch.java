package dev.portolan.proxy.config;

/** A request header condition. Names compare case-insensitively. */
public record HeaderMatch(ValueMatchType type, String name, String value) {
    public HeaderMatch {
        Checks.required(type, "HeaderMatch", "type");
        Checks.requiredText(name, "HeaderMatch", "name");
        Checks.required(value, "HeaderMatch " + name, "value");
        if (type == ValueMatchType.REGEX) {
            RouteRegex.compile(value, "HeaderMatch " + name + ".value");
        }
    }

    public static HeaderMatch exact(String name, String value) {
        return new HeaderMatch(ValueMatchType.EXACT, name, value);
    }

    public static HeaderMatch regex(String name, String value) {
        return new HeaderMatch(ValueMatchType.REGEX, name, value);
    }
}
