package dev.portolan.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.pipeline.StatusProblem;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The status log reads only statuses that are new trees since its last report; what it logs must be what comparing
 * every problem of the last report with every problem of this one gives: each new problem once as a warning, each
 * cleared one once as resolved, nothing for a status rebuilt unchanged or reused. A seeded random sequence of
 * status maps (reused trees, new trees with the same content, problems appearing, changing and clearing, objects
 * removed and added) is checked step by step against that whole comparison.
 */
class StatusLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.portolan.status");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void listen() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(appender);
        logger.setLevel(levelBefore);
    }

    @Test
    void logsWhatComparingEveryProblemGives() {
        Random random = new Random(7);
        StatusLog log = new StatusLog();
        SortedMap<ResourceKey, ObjectNode> statuses = new TreeMap<>();
        Set<String> reportedBefore = Set.of();
        for (int step = 0; step < 200; step++) {
            SortedMap<ResourceKey, ObjectNode> next = new TreeMap<>(statuses); // unchanged objects keep their trees
            for (int change = random.nextInt(4); change > 0; change--) {
                ResourceKey key = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, "ns",
                        "r" + random.nextInt(8));
                int kind = random.nextInt(5);
                if (kind == 0) {
                    next.remove(key);
                } else {
                    next.put(key, status(kind == 1 ? null : "Reason" + random.nextInt(3)));
                }
            }
            appender.list.clear();
            log.report(next);
            Set<String> now = problemLines(next);
            Set<String> expected = new HashSet<>();
            for (String line : now) {
                if (!reportedBefore.contains(line)) {
                    expected.add("WARN " + line);
                }
            }
            for (String line : reportedBefore) {
                if (!now.contains(line)) {
                    expected.add("INFO resolved: " + line);
                }
            }
            Set<String> logged = new HashSet<>();
            for (ILoggingEvent event : appender.list) {
                assertTrue(logged.add(event.getLevel() + " " + event.getFormattedMessage()),
                        "step " + step + ": logged twice: " + event.getFormattedMessage());
            }
            assertEquals(expected, logged, "step " + step);
            statuses = next;
            reportedBefore = now;
        }
    }

    @Test
    void theSameMapAgainLogsNothing() {
        StatusLog log = new StatusLog();
        Map<ResourceKey, ObjectNode> statuses = new HashMap<>();
        statuses.put(ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, "ns", "r"), status("Broken"));
        log.report(statuses);
        assertEquals(1, appender.list.size());
        log.report(new HashMap<>(statuses));
        assertEquals(1, appender.list.size(), "a reused tree is not read again and says nothing new");
    }

    /** Whole comparison: every problem line of every status. */
    private static Set<String> problemLines(Map<ResourceKey, ObjectNode> statuses) {
        Set<String> lines = new TreeSet<>();
        StatusProblem.collect(statuses).forEach(problem -> lines.add(problem.describe()));
        return lines;
    }

    /** A route status with one parent; a False Accepted condition with {@code reason}, or True when null. */
    private static ObjectNode status(String reason) {
        ObjectNode status = Manifests.JSON.createObjectNode();
        ObjectNode parent = status.putArray("parents").addObject();
        parent.putObject("parentRef").put("name", "gw").put("namespace", "ns");
        ObjectNode condition = parent.putArray("conditions").addObject().put("type", "Accepted");
        if (reason == null) {
            condition.put("status", "True").put("reason", "Accepted").put("message", "fine");
        } else {
            condition.put("status", "False").put("reason", reason).put("message", "not attached: " + reason);
        }
        return status;
    }
}
