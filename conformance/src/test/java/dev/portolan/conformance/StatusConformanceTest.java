package dev.portolan.conformance;

import dev.portolan.snapshot.ComputedState;
import dev.portolan.snapshot.ControlPlanePipeline;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs the status part of every conformance case against the graph: one container per case, one test per status or
 * mutation step, in the case's order. Data-plane steps (requests, distributions, generated infrastructure) are
 * counted and left to the data-plane runner.
 */
class StatusConformanceTest {
    static final String CLASS_NAME = "portolan";
    static final String CONTROLLER = GraphOptions.PORTOLAN_CONTROLLER;
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final AtomicInteger SKIPPED_DATA_PLANE = new AtomicInteger();
    private static final List<String> FAILED_CASES = new ArrayList<>();

    static Path casesFolder() {
        return Path.of(System.getProperty("portolan.conformance.cases", "../../shared/conformance/cases"));
    }

    @TestFactory
    Stream<DynamicNode> conformanceCases() {
        Path folder = casesFolder();
        List<ObjectNode> programmatic = new ProgrammaticResources()
                .manifests(ConformanceCase.programmaticResourcesDescription(folder));
        return ConformanceCase.loadAll(folder).stream().map(c -> caseContainer(c, programmatic));
    }

    private static DynamicContainer caseContainer(ConformanceCase conformanceCase, List<ObjectNode> programmatic) {
        CASES.incrementAndGet();
        CaseRun run = new CaseRun(conformanceCase, programmatic);
        List<DynamicNode> tests = new ArrayList<>();
        for (int i = 0; i < conformanceCase.steps().size(); i++) {
            JsonNode step = conformanceCase.steps().get(i);
            String type = step.path("type").asText();
            if (ConformanceCase.DATA_PLANE_STEPS.contains(type)) {
                SKIPPED_DATA_PLANE.incrementAndGet();
                continue;
            }
            tests.add(DynamicTest.dynamicTest("step " + i + " " + type + " " + describe(step), counted(conformanceCase.name(), () -> run.run(step))));
        }
        return DynamicContainer.dynamicContainer(conformanceCase.name() + " (" + conformanceCase.file().getFileName() + ")", tests);
    }

    private static Executable counted(String caseName, Executable step) {
        return () -> {
            try {
                step.execute();
                PASSED.incrementAndGet();
            } catch (Throwable e) {
                FAILED.incrementAndGet();
                synchronized (FAILED_CASES) {
                    if (!FAILED_CASES.contains(caseName)) {
                        FAILED_CASES.add(caseName);
                    }
                }
                throw e;
            }
        };
    }

    private static String describe(JsonNode step) {
        for (String field : List.of("route", "gateway", "gatewayClass", "policy", "object")) {
            if (step.has(field)) {
                JsonNode value = step.get(field);
                return value.isTextual() ? value.asText() : value.path("kind").asText() + " " + value.path("name").asText();
            }
        }
        return "";
    }

    @AfterAll
    static void summary() {
        System.out.printf("Status conformance: %d cases, %d steps passed, %d failed, "
                        + "%d data-plane steps left to the data-plane runner; cases with failures: %s%n",
                CASES.get(), PASSED.get(), FAILED.get(), SKIPPED_DATA_PLANE.get(), FAILED_CASES);
    }

    /** The objects and the current graph of one case; mutations rebuild the graph. */
    private static final class CaseRun {
        private final ConformanceCase conformanceCase;
        private final List<ObjectNode> programmatic;
        private final Map<ResourceKey, String> addresses = new HashMap<>();
        private ConformanceObjects objects;
        private ComputedState state;
        private long generationBeforeLastPatch;

        CaseRun(ConformanceCase conformanceCase, List<ObjectNode> programmatic) {
            this.conformanceCase = conformanceCase;
            this.programmatic = programmatic;
        }

        void run(JsonNode step) {
            if (objects == null) {
                objects = conformanceCase.initialObjects(CLASS_NAME, CONTROLLER, programmatic);
                rebuild();
            }
            String type = step.path("type").asText();
            if (ConformanceCase.MUTATION_STEPS.contains(type)) {
                generationBeforeLastPatch = objects.applyStep(step);
                rebuild();
            } else if (type.equals("expectGenerationChanged")) {
                ResourceKey key = ConformanceObjects.keyOfReference(step.path("object"));
                assertNotEquals(generationBeforeLastPatch, objects.generation(key), key + " metadata.generation did not change");
            } else {
                checks().check(step);
            }
        }

        private ConformanceStatusChecks checks() {
            return new ConformanceStatusChecks(objects, key -> Optional.<JsonNode>ofNullable(state.statuses().get(key)), CONTROLLER);
        }

        private void rebuild() {
            // the whole pure pipeline, so that BackendTLSPolicy statuses are checked too
            state = ControlPlanePipeline.compute(objects.resourceSet(), new GraphOptions(CONTROLLER, Instant.parse("2026-01-01T00:00:00Z"),
                    key -> Optional.of(addresses.computeIfAbsent(key, k -> "127.0.0." + (addresses.size() + 1)))));
        }
    }
}
