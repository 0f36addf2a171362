package dev.portolan.proxy.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the matcher needs from a request. The query string is parsed only when a candidate rule has
 * query conditions, and then once.
 */
public final class RouteRequest {
    private final String host;
    private final String method;
    private final String path;
    private final HeaderLookup headers;
    private final String rawQuery;
    /** Every parameter's first value, parsed once a second parameter name is asked for. */
    private Map<String, String> firstQueryValues;
    /** The one parameter asked for so far and its first value. */
    private String lastQueryName;
    private String lastQueryValue;
    /** The last header looked up: candidates of one host mostly test the same header, so it is read once. */
    private String lastHeaderName;
    private String lastHeaderValue;

    /**
     * @param host the Host header or authority (port and case do not matter)
     * @param path the request path without query
     * @param rawQuery the query without '?', may be null
     */
    public RouteRequest(String host, String method, String path, HeaderLookup headers, String rawQuery) {
        this.host = HostNames.normalize(host);
        this.method = Objects.requireNonNull(method, "method");
        this.path = path == null || path.isEmpty() ? "/" : path;
        this.headers = headers == null ? HeaderLookup.none() : headers;
        this.rawQuery = rawQuery;
    }

    public static RouteRequest of(
            String host, String method, String path, Map<String, List<String>> headers, String rawQuery) {
        return new RouteRequest(host, method, path, HeaderLookup.of(headers), rawQuery);
    }

    /** The normalised host. */
    public String host() {
        return host;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    /**
     * The header as one value: repeated headers are joined with "," (RFC 9110 5.3); null when absent.
     */
    String header(String name) {
        if (lastHeaderName != null && lastHeaderName.equalsIgnoreCase(name)) {
            return lastHeaderValue;
        }
        String value = headers.joined(name);
        lastHeaderName = name;
        lastHeaderValue = value;
        return value;
    }

    /** The first value of a query parameter (percent-decoded), null when absent. */
    String queryParam(String name) {
        if (firstQueryValues != null) {
            return firstQueryValues.get(name);
        }
        if (lastQueryName == null) {
            // candidates mostly test one parameter: find it without parsing the whole query into a map
            lastQueryName = name;
            lastQueryValue = firstValue(rawQuery, name);
            return lastQueryValue;
        }
        if (lastQueryName.equals(name)) {
            return lastQueryValue;
        }
        firstQueryValues = parseQuery(rawQuery);
        return firstQueryValues.get(name);
    }

    /** As {@code parseQuery(rawQuery).get(name)}, without the map. */
    static String firstValue(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                if (nameIs(rawQuery, start, nameEnd, name)) {
                    return nameEnd == end ? "" : decode(rawQuery.substring(nameEnd + 1, end));
                }
            }
            start = end + 1;
        }
        return null;
    }

    /** Whether the raw (still encoded) name in {@code query[start, end)} decodes to {@code name}. */
    private static boolean nameIs(String query, int start, int end, String name) {
        for (int i = start; i < end; i++) {
            char c = query.charAt(i);
            if (c == '%' || c == '+') {
                return decode(query.substring(start, end)).equals(name);
            }
        }
        return end - start == name.length() && query.startsWith(name, start);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // a broken escape cannot match a decoded value anyway; keep it raw
        }
    }

    @Override
    public String toString() {
        return method + " " + host + path + (rawQuery == null ? "" : "?" + rawQuery);
    }
}
