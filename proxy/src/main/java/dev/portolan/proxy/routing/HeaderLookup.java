package dev.portolan.proxy.routing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request headers as the matcher sees them: values of a header by name, name compared case-insensitively.
 * Jetty adapters can implement it directly over {@code HttpFields} without copying.
 */
@FunctionalInterface
public interface HeaderLookup {
    /** All values of the header, in request order; empty when absent. */
    List<String> values(String name);

    /** The header as one value, repeated lines joined with "," (RFC 9110 5.3); null when absent. */
    default String joined(String name) {
        List<String> values = values(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    static HeaderLookup none() {
        return name -> List.of();
    }

    /** Copies the map into a case-insensitive index. */
    static HeaderLookup of(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.merge(name, List.copyOf(values), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        return name -> byName.getOrDefault(name, List.of());
    }
}
