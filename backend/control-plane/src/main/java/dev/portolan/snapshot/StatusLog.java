package dev.portolan.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.SortedDiff;
import dev.portolan.pipeline.StatusProblem;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each status problem once when it appears (and once when it clears), so that bad input shows in the log with
 * the object, the condition, its reason and message, without repeating on every rebuild. Only statuses that are new
 * trees since the last report are read again (a rebuild reuses the trees of what it did not recompute), found
 * by one walk of the last and the new sorted statuses in step ({@link SortedDiff}), so one change costs its own
 * objects' problems, not every status's lookup.
 */
final class StatusLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.portolan.status");
    private SortedMap<ResourceKey, ObjectNode> lastReported = new TreeMap<>();
    /** The problem lines each status gave when last reported; only statuses that gave some. */
    private final Map<ResourceKey, Set<String>> reported = new HashMap<>();

    void report(Map<ResourceKey, ObjectNode> statuses) {
        if (statuses == lastReported) {
            return; // a rebuild that reused the computed state: nothing new to say
        }
        // the computed statuses are a persistent map sorted by natural order: taken as they are, not copied
        SortedMap<ResourceKey, ObjectNode> sorted = statuses instanceof SortedMap<ResourceKey, ObjectNode> s
                && naturalOrder(s) ? s : new TreeMap<>(statuses);
        // only the trees that are not the very trees reported last time (trees are never mutated)
        SortedDiff.forEach(lastReported, sorted, (key, before, after) -> {
            Set<String> old = reported.getOrDefault(key, Set.of());
            Set<String> now = after == null ? Set.of() : lines(key, after);
            for (String line : now) {
                if (!old.contains(line)) {
                    LOG.warn("{}", line);
                }
            }
            for (String line : old) {
                if (!now.contains(line)) {
                    LOG.info("resolved: {}", line);
                }
            }
            if (now.isEmpty()) {
                reported.remove(key);
            } else {
                reported.put(key, now);
            }
        });
        lastReported = sorted;
    }

    private static boolean naturalOrder(SortedMap<?, ?> map) {
        return map.comparator() == null || map.comparator().equals(Comparator.naturalOrder());
    }

    private static Set<String> lines(ResourceKey key, ObjectNode status) {
        List<StatusProblem> problems = StatusProblem.collect(Map.of(key, status));
        if (problems.isEmpty()) {
            return Set.of();
        }
        Set<String> lines = new TreeSet<>();
        problems.forEach(problem -> lines.add(problem.describe()));
        return lines;
    }
}
