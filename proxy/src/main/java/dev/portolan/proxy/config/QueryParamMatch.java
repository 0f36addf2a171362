package dev.portolan.proxy.config;

/** A query parameter condition. Names compare case-sensitively, values after percent-decoding. */
public record QueryParamMatch(ValueMatchType type, String name, String value) {
    public QueryParamMatch {
        Checks.required(type, "QueryParamMatch", "type");
        Checks.requiredText(name, "QueryParamMatch", "name");
        Checks.required(value, "QueryParamMatch " + name, "value");
        if (type == ValueMatchType.REGEX) {
            RouteRegex.compile(value, "QueryParamMatch " + name + ".value");
        }
    }

    public static QueryParamMatch exact(String name, String value) {
        return new QueryParamMatch(ValueMatchType.EXACT, name, value);
    }

    public static QueryParamMatch regex(String name, String value) {
        return new QueryParamMatch(ValueMatchType.REGEX, name, value);
    }
}
