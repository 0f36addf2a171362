package dev.portolan.api.read;

import dev.portolan.api.problem.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Kubernetes label selector in its query syntax: {@code a=b,a==b,c!=d,e in (x,y),f notin (z),g,!h}. All
 * requirements must hold.
 */
public final class LabelSelector {
    /** One requirement; {@code values} is empty for Exists / DoesNotExist. */
    record Requirement(String key, Operator operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }
    }

    enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    private static final java.util.regex.Pattern SET =
            java.util.regex.Pattern.compile("(\\S+)\\s+(in|notin)\\s*\\((.*)\\)");
    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());
    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    List<Requirement> requirements() {
        return requirements;
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the {@code labelSelector} query parameter; null or blank selects everything.
     *
     * @throws ApiException 400 naming the parameter and the requirement that does not parse
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            requirements.add(requirement(part.strip(), text));
        }
        return new LabelSelector(requirements);
    }

    /** Splits on commas outside parentheses. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static Requirement requirement(String part, String whole) {
        if (part.isEmpty()) {
            throw invalid(whole, "empty requirement");
        }
        if (part.startsWith("!")) {
            return new Requirement(key(part.substring(1).strip(), whole), Operator.DOES_NOT_EXIST, Set.of());
        }
        int notEquals = part.indexOf("!=");
        if (notEquals > 0) {
            return new Requirement(key(part.substring(0, notEquals).strip(), whole), Operator.NOT_EQUALS,
                    Set.of(value(part.substring(notEquals + 2).strip(), whole)));
        }
        int equals = part.indexOf('=');
        if (equals > 0) {
            int valueStart = part.startsWith("==", equals) ? equals + 2 : equals + 1;
            return new Requirement(key(part.substring(0, equals).strip(), whole), Operator.EQUALS,
                    Set.of(value(part.substring(valueStart).strip(), whole)));
        }
        java.util.regex.Matcher set = SET.matcher(part);
        if (set.matches()) {
            Set<String> values = new TreeSet<>();
            for (String value : set.group(3).split(",")) {
                values.add(value(value.strip(), whole));
            }
            return new Requirement(key(set.group(1), whole),
                    set.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, values);
        }
        if (part.matches("\\S+\\s+(in|notin)\\b.*")) {
            throw invalid(whole, "\"" + part + "\": set values must be in parentheses, e.g. env in (a,b)");
        }
        String[] words = part.split("\\s+");
        if (words.length == 1) {
            return new Requirement(key(part, whole), Operator.EXISTS, Set.of());
        }
        throw invalid(whole, "\"" + part + "\" is not key=value, key!=value, key in (...), key notin (...), "
                + "key or !key");
    }

    private static String key(String key, String whole) {
        if (!key.matches("([a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?/)?[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?")) {
            throw invalid(whole, "\"" + key + "\" is not a valid label key");
        }
        return key;
    }

    private static String value(String value, String whole) {
        if (!value.isEmpty() && !value.matches("[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?")) {
            throw invalid(whole, "\"" + value + "\" is not a valid label value");
        }
        return value;
    }

    private static ApiException invalid(String whole, String reason) {
        return ApiException.badRequest(null, "labelSelector", "labelSelector \"" + whole + "\": " + reason);
    }
}
