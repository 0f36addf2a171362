package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code assert} sentence of a {@code repeat} step, turned into the check it names on each echoed request. A
 * sentence is clauses joined by ", and "; each clause must be one this runner implements, else the step fails
 * naming it (a check the runner does not understand must never pass silently).
 */
@FunctionalInterface
interface EchoAssertion {
    /** Why the echoed request does not satisfy the sentence, or empty. */
    Optional<String> mismatch(JsonNode echo);

    /** Clause patterns; group 1 is a header name where the clause names one. */
    Pattern EXACTLY_ONE_HEADER = Pattern.compile("the backend saw exactly one \"([^\"]+)\" request header");
    Pattern POD_STARTS_WITH_ITS_VALUE = Pattern.compile("the echoed pod name starts with its value");
    Pattern POD_STARTS_WITH_HEADER = Pattern.compile("the echoed pod name starts with the \"([^\"]+)\" request header");

    static EchoAssertion parse(String sentence) {
        if (sentence.isBlank()) {
            throw new AssertionError("repeat: the step has no assert sentence");
        }
        List<EchoAssertion> checks = new ArrayList<>();
        String header = null;
        for (String clause : sentence.strip().split(",\\s*and\\s+")) {
            String text = clause.strip().replaceAll("\\.$", "");
            Matcher one = EXACTLY_ONE_HEADER.matcher(text);
            Matcher named = POD_STARTS_WITH_HEADER.matcher(text);
            if (one.matches()) {
                header = one.group(1);
                checks.add(exactlyOneHeader(header));
            } else if (POD_STARTS_WITH_ITS_VALUE.matcher(text).matches() && header != null) {
                checks.add(podStartsWithHeader(header));
            } else if (named.matches()) {
                checks.add(podStartsWithHeader(named.group(1)));
            } else {
                throw new AssertionError("repeat: no check is implemented for \"" + clause.strip() + "\" (in assert \""
                        + sentence + "\"); known: " + EXACTLY_ONE_HEADER.pattern() + ", then "
                        + POD_STARTS_WITH_ITS_VALUE.pattern() + "; " + POD_STARTS_WITH_HEADER.pattern());
            }
        }
        return echo -> checks.stream().map(c -> c.mismatch(echo)).flatMap(Optional::stream).findFirst();
    }

    private static EchoAssertion exactlyOneHeader(String name) {
        return echo -> {
            List<String> values = headerValues(echo, name);
            return values.size() == 1 ? Optional.empty()
                    : Optional.of("the backend saw " + values.size() + " \"" + name + "\" request headers " + values
                            + ", expected exactly one");
        };
    }

    private static EchoAssertion podStartsWithHeader(String name) {
        return echo -> {
            List<String> values = headerValues(echo, name);
            String pod = echo == null ? "" : echo.path("pod").asText("");
            if (values.isEmpty()) {
                return Optional.of("the backend saw no \"" + name + "\" request header");
            }
            return pod.startsWith(values.get(0)) ? Optional.empty()
                    : Optional.of("echoed pod " + pod + " does not start with the \"" + name + "\" header's value \""
                            + values.get(0) + "\"");
        };
    }

    /** The values of an echoed request header, name case-insensitive (the echo lists one value per line). */
    private static List<String> headerValues(JsonNode echo, String name) {
        List<String> values = new ArrayList<>();
        if (echo == null) {
            return values;
        }
        echo.path("headers").fields().forEachRemaining(e -> {
            if (e.getKey().equalsIgnoreCase(name)) {
                e.getValue().forEach(v -> values.add(v.asText()));
            }
        });
        return values;
    }
}
