package dev.portolan.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.pipeline.StatusProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each status problem once when it appears (and once when it clears), so that bad input shows in the log with
 * the object, the condition, its reason and message, without repeating on every rebuild. Only statuses that are new
 * trees since the last report are read again (a rebuild reuses the trees of what it did not recompute), so one
 * change costs its own objects' walk, not every status's.
 */
final class StatusLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.portolan.status");
    private Map<ResourceKey, Reported> reported = Map.of();
    private Map<ResourceKey, ObjectNode> lastReported;

    /** One object's status as last reported and the problem lines it gave. */
    private record Reported(ObjectNode status, Set<String> lines) {
    }

    void report(Map<ResourceKey, ObjectNode> statuses) {
        if (statuses == lastReported) {
            return; // a rebuild that reused the computed state: nothing new to say
        }
        lastReported = statuses;
        Map<ResourceKey, Reported> now = new HashMap<>(Math.max(16, statuses.size() * 4 / 3 + 1));
        for (Map.Entry<ResourceKey, ObjectNode> entry : statuses.entrySet()) {
            Reported before = reported.get(entry.getKey());
            if (before != null && before.status() == entry.getValue()) {
                now.put(entry.getKey(), before); // the very tree reported last time (trees are never mutated)
                continue;
            }
            Reported after = new Reported(entry.getValue(), lines(entry.getKey(), entry.getValue()));
            now.put(entry.getKey(), after);
            Set<String> old = before == null ? Set.of() : before.lines();
            for (String line : after.lines()) {
                if (!old.contains(line)) {
                    LOG.warn("{}", line);
                }
            }
            for (String line : old) {
                if (!after.lines().contains(line)) {
                    LOG.info("resolved: {}", line);
                }
            }
        }
        for (Map.Entry<ResourceKey, Reported> entry : reported.entrySet()) {
            if (!now.containsKey(entry.getKey())) {
                entry.getValue().lines().forEach(line -> LOG.info("resolved: {}", line));
            }
        }
        reported = now;
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
