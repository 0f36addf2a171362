package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole runner over every case with the control plane alone ({@link PureStatusPortolan}): every status and
 * mutation step must pass; data-plane steps are reported as skipped by that implementation.
 */
class StatusConformanceTest {
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static RunSummary summary;
    private static List<ConformanceCase> cases;

    static Path casesFolder() {
        return RepositoryFolders.conformanceCases();
    }

    @BeforeAll
    static void runAllCases() throws Exception {
        cases = ConformanceCase.loadAll(casesFolder());
        PrintStream out = new PrintStream(OUTPUT, true, StandardCharsets.UTF_8);
        try (PureStatusPortolan portolan = new PureStatusPortolan(GatewayClassUnderTest.PORTOLAN.controllerName());
             ConformanceRunner runner = new ConformanceRunner(portolan, GatewayClassUnderTest.PORTOLAN, casesFolder(),
                     RunnerOptions.quick(), out)) {
            runner.setUp();
            summary = runner.runAll(cases);
        }
    }

    @AfterAll
    static void printOutput() {
        System.out.print(OUTPUT.toString(StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> everyStatusStepOfEveryCasePasses() {
        Map<String, CaseResult> byName = summary.results().stream().collect(Collectors.toMap(CaseResult::name, Function.identity()));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            CaseResult result = byName.get(c.name());
            assertNotEquals(CaseResult.Verdict.FAIL, result.verdict(), result.line());
            long notRun = c.steps().stream().filter(StatusConformanceTest::notRunWithoutDataPlane).count();
            assertEquals(c.steps().size() - notRun, result.stepsPassed(), result.line());
            assertEquals(notRun, result.skippedSteps().size(), result.line());
            if (notRun > 0) {
                assertEquals(CaseResult.Verdict.SKIP, result.verdict());
            }
        }));
    }

    @Test
    void printsOneLinePerCaseAndTheCounts() {
        List<String> lines = OUTPUT.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(cases.size() + 2, lines.size(), String.join("\n", lines));
        for (int i = 0; i < cases.size(); i++) {
            String line = lines.get(i);
            String name = cases.get(i).name();
            assertTrue(line.equals("PASS " + name) || line.startsWith("SKIP " + name + ": "), line);
        }
        assertEquals(summary.line(), lines.get(cases.size()));
        assertTrue(lines.get(cases.size()).matches("\\d+ passed, 0 failed, \\d+ skipped"), lines.get(cases.size()));
        assertTrue(lines.get(cases.size() + 1).startsWith("total run time "), lines.get(cases.size() + 1));
    }

    @Test
    void namesWhyDataPlaneAndClusterStepsAreSkipped() {
        CaseResult infrastructure = summary.results().stream().filter(r -> r.name().equals("GatewayInfrastructure")).findFirst().orElseThrow();
        assertTrue(infrastructure.reason().contains("needs a real cluster"), infrastructure.line());
        CaseResult matching = summary.results().stream().filter(r -> r.name().equals("HTTPRouteMatching")).findFirst().orElseThrow();
        assertTrue(matching.reason().startsWith(PureStatusPortolan.NO_DATA_PLANE), matching.line());
    }

    private static boolean notRunWithoutDataPlane(JsonNode step) {
        String type = step.path("type").asText();
        return ConformanceCase.DATA_PLANE_STEPS.contains(type) || StepRunner.CLUSTER_ONLY.containsKey(type);
    }
}
