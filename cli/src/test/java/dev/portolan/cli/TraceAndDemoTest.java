package dev.portolan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** trace and the effective timeouts with policy provenance, against embedded Portolan on deploy/examples/demo. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceAndDemoTest {
    /** A Gateway whose one route matches one exact path only. */
    private static final String STRICT = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: strict, namespace: default}
            spec:
              gatewayClassName: portolan
              listeners: [{name: http, protocol: HTTP, port: 8080}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: exact, namespace: default}
            spec:
              parentRefs: [{name: strict}]
              rules:
              - matches: [{path: {type: Exact, value: /only}}]
                backendRefs: [{name: echo, port: 8080}]
            """;
    private static final String CANARY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: canary, namespace: default}
            spec:
              parentRefs: [{name: example-gateway}]
              hostnames: [canary.example.com]
              rules:
              - backendRefs: [{name: nowhere, port: 8080}]
            """;
    private EmbeddedPortolan portolan;

    @BeforeAll
    void start() throws Exception {
        portolan = EmbeddedPortolan.start("demo", STRICT);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (CliRun.against(portolan.server, "trace", "-g", "default/example-gateway", "/hello").code() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no proxy config: " + CliRun.against(portolan.server, "trace", "-g",
                        "default/example-gateway", "/hello"));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    void stop() throws IOException {
        portolan.close();
    }

    @Test
    void traceNamesTheRouteRuleBackendsAndTimeoutsWithTheirSource() {
        CliRun run = CliRun.against(portolan.server, "trace", "-g", "default/example-gateway", "--host",
                "auth.example.com", "-X", "post", "-H", "X-Probe: 1", "/login?x=1");
        assertEquals(0, run.code(), run.toString());
        String out = run.out();
        assertTrue(out.contains("Request: POST http://auth.example.com/login?x=1\n"), run.toString());
        assertTrue(out.contains("Matched: true\n"), run.toString());
        assertTrue(out.contains("Route: HTTPRoute default/auth rule 0"), run.toString());
        assertTrue(out.contains("default/auth-service:"), "the backend: " + run);
        assertTrue(out.contains("SNI auth.example.com"), "backend TLS: " + run);
        assertTrue(out.contains("  request: 30s (") && out.contains("class-defaults"),
                "the GatewayClass default, with its source: " + run);
    }

    @Test
    void aRequestNoRuleMatchesSaysWhy() {
        CliRun run = CliRun.against(portolan.server, "trace", "-g", "default/strict", "/other");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("Matched: false\n") && run.out().contains("Problem: "), run.toString());
        assertTrue(run.out().contains("ClosestMisses:\n- default/exact rule 0 match 0: "), run.toString());
    }

    @Test
    void analyzeReportsTheChangeAndTheIssueItIntroducesAndWritesNothing() throws IOException {
        Path file = Files.createTempFile("canary", ".yaml");
        Files.writeString(file, CANARY);
        CliRun run = CliRun.run(Map.of("PORTOLAN_SERVER", portolan.server, "PORTOLAN_TOKEN", EmbeddedPortolan.TOKEN),
                "analyze", "-f", file.toString());
        Files.delete(file);
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("Analyzing " + file + "...\n\nSummary:\n\n  - Created HTTPRoute/canary in "
                + "namespace default\n"), run.toString());
        String introduced = run.out().substring(run.out().indexOf("Potential Issues Introduced"),
                run.out().indexOf("Existing Issues Fixed"));
        assertTrue(introduced.contains("HTTPRoute/default/canary") && introduced.contains("nowhere"), run.toString());
        assertEquals(Exit.API_ERROR, CliRun.against(portolan.server, "describe", "httproutes", "canary").code(),
                "analyze is a dry run");
    }

    @Test
    void traceOfAnUnknownGatewayIsTheApisProblem() {
        CliRun run = CliRun.against(portolan.server, "trace", "-g", "default/nope", "/");
        assertEquals(Exit.API_ERROR, run.code(), run.toString());
        assertTrue(run.err().startsWith("portolan: ") && run.err().contains("400"), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
    }

    @Test
    void describeShowsTheOverrideThatCapsARoutesTimeout() {
        CliRun run = CliRun.against(portolan.server, "describe", "httproute", "echo");
        assertEquals(0, run.code(), run.toString());
        String timeouts = run.out().substring(run.out().indexOf("EffectiveTimeouts:"));
        assertTrue(timeouts.contains("default/hello-world:\n    rule 0:\n"), run.toString());
        assertTrue(timeouts.contains("backendRequest: 5s (") && timeouts.contains("hello-world-cap"),
                "the override of TimeoutPolicy hello-world-cap: " + run);
    }
}
