package dev.portolan.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the fuzzer found wrong, counted by kind, with the first few examples of each for the failure report. */
final class FuzzFindings {
    private static final int EXAMPLES_PER_KIND = 5;
    private final Map<String, Integer> counts = new TreeMap<>();
    private final Map<String, List<String>> examples = new TreeMap<>();

    synchronized void add(String kind, String example) {
        counts.merge(kind, 1, Integer::sum);
        List<String> kept = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (kept.size() < EXAMPLES_PER_KIND) {
            kept.add(example.length() > 600 ? example.substring(0, 600) + "..." : example);
        }
    }

    synchronized boolean isEmpty() {
        return counts.isEmpty();
    }

    synchronized int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized String report() {
        StringBuilder out = new StringBuilder();
        counts.forEach((kind, count) -> {
            out.append('\n').append(count).append(" x ").append(kind);
            examples.get(kind).forEach(example -> out.append("\n    ").append(example));
        });
        return out.toString();
    }
}
