package dev.portolan.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.pipeline.StatusProblem;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each status problem once when it appears (and once when it clears), so that bad input shows in the log with
 * the object, the condition, its reason and message, without repeating on every rebuild.
 */
final class StatusLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.portolan.status");
    private Set<String> reported = Set.of();
    private Map<ResourceKey, ObjectNode> lastReported;

    void report(Map<ResourceKey, ObjectNode> statuses) {
        if (statuses == lastReported) {
            return; // a rebuild that reused the computed state: nothing new to say
        }
        lastReported = statuses;
        Set<String> now = new TreeSet<>();
        for (StatusProblem problem : StatusProblem.collect(statuses)) {
            now.add(problem.describe());
        }
        for (String line : now) {
            if (!reported.contains(line)) {
                LOG.warn("{}", line);
            }
        }
        for (String line : reported) {
            if (!now.contains(line)) {
                LOG.info("resolved: {}", line);
            }
        }
        reported = now;
    }
}
