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
 * The conformance cases against the real thing: embedded Portolan (store, graph, translation, Jetty proxy) with
 * echo backends on loopback, every http step sent over real sockets. Every case passes, except those that need a
 * real cluster (skipped with the reason in the output).
 */
class EmbeddedConformanceTest {
    /** Cases that check objects only a Kubernetes cluster has (generated Pods, Services, ServiceAccounts). */
    static final Set<String> NEED_A_CLUSTER = Set.of("GatewayInfrastructure");
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static RunSummary summary;
    private static List<ConformanceCase> cases;

    @BeforeAll
    static void runAllCases() throws Exception {
        cases = ConformanceCase.loadAll(StatusConformanceTest.casesFolder());
        PrintStream out = new PrintStream(OUTPUT, true, StandardCharsets.UTF_8);
        try (PortolanUnderTest portolan = new EmbeddedPortolanUnderTest.Provider().start(GatewayClassUnderTest.PORTOLAN);
             ConformanceRunner runner = new ConformanceRunner(portolan, GatewayClassUnderTest.PORTOLAN,
                     StatusConformanceTest.casesFolder(), RunnerOptions.defaults(), out)) {
            runner.setUp();
            summary = runner.runAll(cases);
        }
    }

    @AfterAll
    static void printOutput() {
        System.out.print(OUTPUT.toString(StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> everyCasePassesOnTheEmbeddedDataPlane() {
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
