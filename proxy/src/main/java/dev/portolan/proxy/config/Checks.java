package dev.portolan.proxy.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Shared constructor checks for the config records; messages name the record and the field. */
final class Checks {
    private Checks() {
    }

    static <T> T required(T value, String record, String field) {
        if (value == null) {
            throw new IllegalArgumentException(record + "." + field + " is required");
        }
        return value;
    }

    static String requiredText(String value, String record, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(record + "." + field + " is required and must not be blank");
        }
        return value;
    }

    /** Absent lists mean empty; copies make the record immutable. */
    static <T> List<T> list(List<T> value, String record, String field) {
        if (value == null) {
            return List.of();
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw new IllegalArgumentException(record + "." + field + "[" + i + "] must not be null");
            }
        }
        return List.copyOf(value);
    }

    /** Sorted by key so that JSON output and equality do not depend on insertion order. */
    static Map<String, String> sortedMap(Map<String, String> value, String record, String field) {
        if (value == null) {
            return Collections.unmodifiableSortedMap(new TreeMap<>());
        }
        TreeMap<String, String> copy = new TreeMap<>();
        value.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException(record + "." + field + " must not contain null keys or values");
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableSortedMap(copy);
    }

    static int port(int port, String record, String field) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(record + "." + field + " must be 1..65535, got " + port);
        }
        return port;
    }
}
