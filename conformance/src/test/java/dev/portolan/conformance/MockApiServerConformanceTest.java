package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance cases against Kubernetes mode: the KubernetesStore reading fabric8's mock API server (CRUD mode,
 * real HTTP and watches) and writing status to it, with the in-process proxy and echo backends on loopback. The
 * runner writes every object to the API server and reads status back from it. Every case passes except those that
 * need a real cluster, as in {@link EmbeddedConformanceTest}.
 */
class MockApiServerConformanceTest {
    /** Checks objects only a cluster's controllers make (generated Pods, Services, ServiceAccounts). */
    private static final Set<String> NEED_A_CLUSTER = EmbeddedConformanceTest.NEED_A_CLUSTER;
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static RunSummary summary;
    private static List<ConformanceCase> cases;

    @BeforeAll
    static void runAllCases() throws Exception {
        cases = ConformanceCase.loadAll(StatusConformanceTest.casesFolder());
        PrintStream out = new PrintStream(OUTPUT, true, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        try (PortolanUnderTest portolan = KubernetesPortolanUnderTest.start(GatewayClassUnderTest.PORTOLAN);
             ConformanceRunner runner = new ConformanceRunner(portolan, GatewayClassUnderTest.PORTOLAN,
                     StatusConformanceTest.casesFolder(), RunnerOptions.defaults(), out)) {
            out.printf("mock API server and Kubernetes mode up in %.1f s%n", (System.nanoTime() - start) / 1e9);
            runner.setUp();
            summary = runner.runAll(cases);
        }
        out.printf("whole run (start, set-up, cases, shutdown) %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    static void printOutput() {
        System.out.print(OUTPUT.toString(StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> everyCasePassesInKubernetesModeAgainstTheMockApiServer() {
        Map<String, CaseResult> byName = summary.results().stream()
                .collect(Collectors.toMap(CaseResult::name, Function.identity()));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            CaseResult result = byName.get(c.name());
            CaseResult.Verdict expected = NEED_A_CLUSTER.contains(c.name())
                    ? CaseResult.Verdict.SKIP : CaseResult.Verdict.PASS;
            assertEquals(expected, result.verdict(), result.line());
        }));
    }
}
