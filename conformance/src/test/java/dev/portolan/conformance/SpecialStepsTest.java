package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The special steps of the portable format ({@code mirrorDistribution}, {@code repeat}, {@code websocket},
 * {@code weightedDistribution}), each run by the runner as part of a case against embedded Portolan (real Jetty
 * proxy, real echo backends of the suite's base manifests), and each shown to fail when its expectation is wrong.
 */
class SpecialStepsTest {
    private static final String TARGET = """
            "target": {"gateway": "gateway-conformance-infra/same-namespace", "port": 80, "scheme": "http"}""";
    private static final String PATH = "{CASE_PATH}";
    private static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();
    private static PortolanUnderTest portolan;
    private static ConformanceRunner runner;

    @BeforeAll
    static void start() throws Exception {
        portolan = new EmbeddedPortolanUnderTest.Provider().start(GatewayClassUnderTest.PORTOLAN);
        runner = new ConformanceRunner(portolan, GatewayClassUnderTest.PORTOLAN, RepositoryFolders.conformanceCases(),
                withShortMirrorWait(RunnerOptions.defaults()), new PrintStream(OUTPUT, true, StandardCharsets.UTF_8));
        runner.setUp();
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
        if (portolan != null) {
            portolan.close();
        }
    }

    @Test
    void mirrorDistributionCountsTheCopiesEachMirrorBackendRecorded() {
        String route = route("special-mirror", """
                "filters": [{"type": "RequestMirror", "requestMirror": {"backendRef": {"name": "infra-backend-v2", "port": 8080},
                             "percent": 50}}],
                "backendRefs": [{"name": "infra-backend-v1", "port": 8080}]""");
        String step = """
                {"type": "mirrorDistribution", %s, "request": {"method": "GET", "host": null, "path": "{CASE_PATH}", "headers": {}},
                 "expect": {"statusCodes": [200], "backend": "infra-backend-v1", "namespace": "gateway-conformance-infra",
                            "backendRequest": {"method": "GET", "path": "{CASE_PATH}"},
                            "mirroredTo": [{"name": "infra-backend-v2", "namespace": "gateway-conformance-infra", "percent": %d}]},
                 "requestIdQueryParam": "gateway-api-conformance-request-id", "sameIdForAllRequests": %s,
                 "totalRequests": 200, "concurrency": 10, "toleranceStdDevs": 3.0, "attempts": 3}""";
        passes(caseOf("MirrorHalf", route, ready(), step.formatted(TARGET, 50, true)));
        passes(caseOf("MirrorHalfIdPerRequest", route, ready(), step.formatted(TARGET, 50, false)));
        // 50 % mirrored but all of them expected: 200 ± 0 copies
        fails(caseOf("MirrorAll", route, ready(), step.formatted(TARGET, 100, true)),
                "mirror backend gateway-conformance-infra/infra-backend-v2 received", "expected 200.0 ± 0.0 (100%)");
        fails(caseOf("MirrorNone", route, ready(), step.formatted(TARGET, 0, true)),
                "expected 0.0 ± 0.0 (0%)");
    }

    @Test
    void repeatChecksTheAssertSentenceOnEveryAnswer() {
        String filters = """
                "backendRefs": [
                  {"name": "infra-backend-v1", "port": 8080, "weight": 1, "filters": [{"type": "RequestHeaderModifier",
                     "requestHeaderModifier": {"add": [{"name": "Backend", "value": "%s"}]}}]},
                  {"name": "infra-backend-v2", "port": 8080, "weight": 1, "filters": [{"type": "RequestHeaderModifier",
                     "requestHeaderModifier": {"add": [{"name": "Backend", "value": "%s"}]}}]}]""";
        String step = """
                {"type": "repeat", "count": 40, %s, "request": {"method": "GET", "host": null, "path": "{CASE_PATH}", "headers": {}},
                 "assert": "%s"}""";
        String sentence = "the backend saw exactly one \\\"Backend\\\" request header, and the echoed pod name starts with its value";
        String right = route("special-repeat", filters.formatted("infra-backend-v1", "infra-backend-v2"));
        passes(caseOf("RepeatBackendHeader", right, readyAny(), step.formatted(TARGET, sentence)));
        String swapped = route("special-repeat", filters.formatted("infra-backend-v2", "infra-backend-v1"));
        fails(caseOf("RepeatSwapped", swapped, readyAny(), step.formatted(TARGET, sentence)),
                "does not start with the \"Backend\" header's value");
        fails(caseOf("RepeatUnknownSentence", right, readyAny(),
                        step.formatted(TARGET, "the backend answered in under a millisecond")),
                "no check is implemented for \"the backend answered in under a millisecond\"");
    }

    @Test
    void websocketExchangesTextAndBinaryMessagesThroughTheProxy() {
        String step = """
                {"type": "websocket", %s, "path": "{CASE_PATH}", "origin": "ws://gateway/<test name>",
                 "exchange": [{"send": {"text": "hello"}, "expectEcho": true}, {"send": {"binary": [1, 2, 3, 255]}, "expectEcho": true},
                              {"send": {"text": "not awaited"}}, {"send": {"text": "last"}, "expectEcho": true}]}""";
        String webSocketBackend = route("special-ws", """
                "backendRefs": [{"name": "infra-backend-v1", "port": 8082}]""");
        passes(caseOf("WebSocketEcho", webSocketBackend, readyAny(), step.formatted(TARGET)));
        // the echo answers a plain HTTP backend's request with JSON, not 101: the upgrade fails
        String plainBackend = route("special-ws", """
                "backendRefs": [{"name": "infra-backend-v1", "port": 8080}]""");
        fails(caseOf("WebSocketToAPlainBackend", plainBackend, readyAny(), step.formatted(TARGET)),
                "websocket: the upgrade to ws://");
    }

    @Test
    void weightedDistributionTakesWeightsAsSharesOfTheirSum() {
        String route = route("special-weights", """
                "backendRefs": [{"name": "infra-backend-v1", "port": 8080, "weight": 3},
                                {"name": "infra-backend-v2", "port": 8080, "weight": 1}]""");
        String step = """
                {"type": "weightedDistribution", %s, "request": {"method": "GET", "host": null, "path": "{CASE_PATH}", "headers": {}},
                 "expect": {"statusCodes": [200], "namespace": "gateway-conformance-infra"},
                 "expectedWeights": %s, "totalRequests": 400, "concurrency": 10, "tolerance": 0.1, "attempts": 2}""";
        passes(caseOf("WeightsAsIntegers", route, readyAny(),
                step.formatted(TARGET, "{\"infra-backend-v1\": 75, \"infra-backend-v2\": 25, \"infra-backend-v3\": 0}")));
        fails(caseOf("WeightsReversed", route, readyAny(),
                step.formatted(TARGET, "{\"infra-backend-v1\": 25, \"infra-backend-v2\": 75}")),
                "expected 0.250 ± 0.100");
    }

    /** Copies arrive within milliseconds on loopback; a sample expecting more copies than come waits this long. */
    private static RunnerOptions withShortMirrorWait(RunnerOptions options) {
        return new RunnerOptions(options.pollInterval(), options.statusTimeout(), options.gatewayStatusTimeout(),
                options.httpTimeout(), options.requestTimeout(), options.pauseAfterFailure(), Duration.ofSeconds(2));
    }

    private static void passes(ConformanceCase special) {
        CaseResult result = runner.run(special);
        assertEquals(CaseResult.Verdict.PASS, result.verdict(), result.line());
    }

    private static void fails(ConformanceCase special, String... reasons) {
        CaseResult result = runner.run(special);
        assertEquals(CaseResult.Verdict.FAIL, result.verdict(), result.line());
        for (String reason : reasons) {
            assertTrue(result.reason().contains(reason), "expected <" + reason + "> in: " + result.line());
        }
    }

    /**
     * A case of one route and its steps; {@value #PATH} in them becomes a path of this case only, so that a step
     * cannot pass on what an earlier case's route (deleted, but perhaps still in the proxy's config) serves.
     */
    private static ConformanceCase caseOf(String name, String routeYaml, String... steps) {
        String path = "/" + name.toLowerCase(java.util.Locale.ROOT);
        List<JsonNode> parsed = new ArrayList<>();
        for (String step : steps) {
            parsed.add(HttpComparisonRulesTest.json(step.replace(PATH, path)));
        }
        return new ConformanceCase(Path.of(name + ".json"), name, List.of(routeYaml.replace(PATH, path)),
                List.copyOf(parsed));
    }

    /** An HTTPRoute on Gateway same-namespace, one rule for the path prefix, the rule's body given as JSON fields. */
    private static String route(String name, String ruleFields) {
        return """
                {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
                 "metadata": {"name": "%s", "namespace": "gateway-conformance-infra"},
                 "spec": {"parentRefs": [{"name": "same-namespace"}],
                          "rules": [{"matches": [{"path": {"type": "PathPrefix", "value": "%s"}}], %s}]}}"""
                .formatted(name, PATH, ruleFields);
    }

    /** An http step that waits until the route serves (answers of infra-backend-v1). */
    private static String ready() {
        return """
                {"type": "http", %s, "request": {"method": "GET", "host": null, "path": "%s", "headers": {}},
                 "expect": {"statusCodes": [200], "backend": "infra-backend-v1"}}""".formatted(TARGET, PATH);
    }

    /** An http step that waits until the route serves (any backend of the suite's namespace). */
    private static String readyAny() {
        return """
                {"type": "http", %s, "request": {"method": "GET", "host": null, "path": "%s", "headers": {}},
                 "expect": {"statusCodes": [200], "namespace": "gateway-conformance-infra"}}""".formatted(TARGET, PATH);
    }
}
