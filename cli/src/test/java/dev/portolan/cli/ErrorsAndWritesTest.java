package dev.portolan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a person sees when something is wrong (one line on stderr, the exit code naming the kind of failure, never
 * a stack trace), and get's other outputs and filters, against embedded Portolan on deploy/examples/gwctl.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorsAndWritesTest {
    private static final String CANARY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: canary
              namespace: default
            spec:
              parentRefs: [{name: demo-gateway-1}]
              rules:
              - backendRefs: [{name: nowhere, port: 8080}]
            """;

    private EmbeddedPortolan portolan;

    @BeforeAll
    void start() throws Exception {
        portolan = EmbeddedPortolan.start("gwctl", "");
        GwctlExamples.awaitLoaded(portolan.server);
    }

    @AfterAll
    void stop() throws IOException {
        portolan.close();
    }

    private Map<String, String> env(boolean withToken) {
        Map<String, String> env = new HashMap<>();
        env.put("PORTOLAN_SERVER", portolan.server);
        if (withToken) {
            env.put("PORTOLAN_TOKEN", EmbeddedPortolan.TOKEN);
        }
        return env;
    }

    private static void assertOneLine(CliRun run, int code, String... fragments) {
        assertEquals(code, run.code(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertEquals(1, run.err().lines().count(), "one line: " + run);
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), "\"" + fragment + "\" in " + run);
        }
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "no stack trace: " + run);
    }

    @Test
    void aMissingObjectIsOneLineNamingItWithTheApisStatus() {
        assertOneLine(CliRun.run(env(false), "describe", "httproutes", "nope"), Exit.API_ERROR,
                "portolan: ", "HTTPRoute/default/nope", "404");
        assertOneLine(CliRun.run(env(false), "get", "gateways", "nope", "-n", "ns2"), Exit.API_ERROR,
                "gateways \"nope\" not found in namespace ns2");
    }

    @Test
    void aMalformedParameterIsTheProblemsFieldAndReason() {
        CliRun run = CliRun.run(env(false), "get", "httproutes", "-l", "a in (");
        assertOneLine(run, Exit.API_ERROR, "labelSelector", "400");
        assertOneLine(CliRun.run(env(false), "get", "policies", "--for", "frobnicator/x/y"), Exit.API_ERROR,
                "for: unknown kind \"frobnicator\"", "400");
    }

    @Test
    void anUnreachableServerIsOneLineNamingTheAddressAndTheSetting() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.against("http://127.0.0.1:" + closedPort, "get", "gateways");
        assertOneLine(run, Exit.UNREACHABLE, "cannot reach Portolan at http://127.0.0.1:" + closedPort,
                "connection refused", "--server", "PORTOLAN_SERVER");
    }

    @Test
    void usageMistakesExitWithTwoAndSayWhat() {
        assertOneLine(CliRun.run(env(false), "get", "frobnicators"), Exit.USAGE,
                "unknown resource type \"frobnicators\"", "gatewayclasses");
        assertOneLine(CliRun.run(env(false), "get", "gateways", "-o", "xml"), Exit.USAGE, "-o must be");
        Map<String, String> badServer = Map.of("PORTOLAN_SERVER", "localhost:8080");
        assertOneLine(CliRun.run(badServer, "get", "gateways"), Exit.USAGE, "PORTOLAN_SERVER must be an http://");
        CliRun unknownOption = CliRun.run(env(false), "get", "gateways", "--frobnicate");
        assertEquals(Exit.USAGE, unknownOption.code(), unknownOption.toString());
        assertTrue(unknownOption.err().contains("Unknown option: '--frobnicate'"), unknownOption.toString());
    }

    @Test
    void analyzeNeedsTheWriteTokenAndSaysWhere() throws IOException {
        Path file = Files.createTempFile("canary", ".yaml");
        Files.writeString(file, CANARY);
        assertOneLine(CliRun.run(env(false), "analyze", "-f", file.toString()), Exit.API_ERROR, "401",
                "--token", "PORTOLAN_TOKEN");
        Files.delete(file);
    }

    @Test
    void analyzeReadsStandardInputAndReportsAMalformedDocumentAsTheProblem() {
        AnalyzeCommand.stdinForTests = new ByteArrayInputStream("kind: [unclosed".getBytes(StandardCharsets.UTF_8));
        try {
            CliRun run = CliRun.run(env(true), "analyze", "-f", "-");
            assertOneLine(run, Exit.API_ERROR, "400");
        } finally {
            AnalyzeCommand.stdinForTests = null;
        }
    }

    @Test
    void getPrintsTheStoredObjectsAsYamlOrJsonAndFiltersByLabelAndRelation() {
        CliRun yaml = CliRun.run(env(false), "get", "httproute", "my-httproute-1", "-o", "yaml");
        assertEquals(0, yaml.code(), yaml.toString());
        assertTrue(yaml.out().startsWith("apiVersion: gateway.networking.k8s.io/v1beta1\nkind: HTTPRoute\n"),
                yaml.toString());
        assertTrue(yaml.out().contains("      backendRequest: 2s\n"), yaml.toString());
        CliRun json = CliRun.run(env(false), "get", "gateways", "-A", "-o", "json");
        assertTrue(json.out().contains("\"kind\" : \"List\"") && json.out().contains("\"name\" : \"demo-gateway-2\""),
                json.toString());
        CliRun none = CliRun.run(env(false), "get", "httproutes", "-l", "app=nothing");
        assertEquals(0, none.code(), none.toString());
        assertEquals("No httproutes found in namespace default.\n", none.err());
        CliRun affecting = CliRun.run(env(false), "get", "policies", "--for", "httproute/my-httproute-1");
        assertEquals(0, affecting.code(), affecting.toString());
        // describe's directly attached and inherited; demo-health-check-1 is a direct policy on the Gateway and
        // does not flow down (gwctl, GEP-713)
        assertTrue(affecting.out().contains("my-retry-policy")
                && affecting.out().contains("demo-timeout-policy-on-gatewayclass")
                && affecting.out().contains("demo-timeout-policy-on-namespace")
                && !affecting.out().contains("demo-health-check-1")
                && !affecting.out().contains("demo-tls-min-version-policy-2"), affecting.toString());
    }

    @Test
    void forListsWhatDescribeShowsAsAttachedAndInherited() {
        CliRun describe = CliRun.run(env(false), "describe", "httproutes", "my-httproute-1");
        assertEquals(0, describe.code(), describe.toString());
        CliRun affecting = CliRun.run(env(false), "get", "policies", "--for", "httproute/default/my-httproute-1");
        assertEquals(0, affecting.code(), affecting.toString());
        for (String policy : new String[] {"demo-timeout-policy-on-namespace", "demo-timeout-policy-on-gatewayclass",
                "my-retry-policy"}) {
            assertTrue(describe.out().contains(policy), policy + " in " + describe);
            assertTrue(affecting.out().contains(policy), policy + " in " + affecting);
        }
        // down the hierarchy only: a class is not affected by its Gateways' policies, a Gateway not by its routes'
        CliRun onClass = CliRun.run(env(false), "get", "policies", "--for",
                "gatewayclass/foo-com-external-gateway-class");
        assertTrue(onClass.out().contains("demo-timeout-policy-on-gatewayclass")
                && !onClass.out().contains("demo-health-check-1"), onClass.toString());
        CliRun onGateway = CliRun.run(env(false), "get", "policies", "--for", "gateway/default/demo-gateway-1");
        assertTrue(onGateway.out().contains("demo-timeout-policy-on-namespace")
                && onGateway.out().contains("demo-health-check-1")
                && !onGateway.out().contains("my-retry-policy"), onGateway.toString());
        CliRun onNamespace = CliRun.run(env(false), "get", "policies", "--for", "namespace/default");
        assertTrue(onNamespace.out().contains("demo-timeout-policy-on-namespace")
                && !onNamespace.out().contains("demo-timeout-policy-on-gatewayclass"), onNamespace.toString());
        CliRun onBackend = CliRun.run(env(false), "get", "policies", "--for", "service/default/demo-svc");
        assertTrue(onBackend.out().contains("demo-tls-min-version-policy-3")
                && onBackend.out().contains("demo-timeout-policy-on-namespace"), onBackend.toString());
    }

    @Test
    void forLooksInEveryNamespaceUnlessOneIsNamed() {
        // ns2/demo-httproute-4 hangs off default/demo-gateway-1: it inherits default's Namespace policy
        CliRun route = CliRun.run(env(false), "get", "policies", "--for", "httproute/ns2/demo-httproute-4");
        assertEquals(0, route.code(), route.toString());
        assertTrue(route.out().contains("demo-timeout-policy-on-namespace")
                && !route.out().contains("demo-health-check-1"), route.toString());
        // default/demo-svc's own policy lives in default: listed unless another namespace is named
        CliRun anywhere = CliRun.run(env(false), "get", "policies", "--for", "service/default/demo-svc");
        assertEquals(0, anywhere.code(), anywhere.toString());
        assertTrue(anywhere.out().contains("demo-tls-min-version-policy-3"), anywhere.toString());
        CliRun inNs2 = CliRun.run(env(false), "get", "policies", "--for", "service/default/demo-svc", "-n", "ns2");
        assertEquals(0, inNs2.code(), inNs2.toString());
        assertTrue(!inNs2.out().contains("demo-tls-min-version-policy-3")
                && inNs2.out().contains("demo-timeout-policy-on-gatewayclass"), inNs2.toString());
    }

    @Test
    void clusterScopedPoliciesBelongToEveryNamespacesList() {
        CliRun ns2 = CliRun.run(env(false), "get", "policies", "-n", "ns2");
        assertEquals(0, ns2.code(), ns2.toString());
        assertTrue(ns2.out().contains("demo-timeout-policy-on-gatewayclass")
                && ns2.out().contains("demo-tls-min-version-policy-2")
                && !ns2.out().contains("my-retry-policy"), ns2.toString());
        CliRun describe = CliRun.run(env(false), "describe", "policies", "demo-timeout-policy-on-namespace");
        assertEquals(0, describe.code(), describe.toString());
        assertTrue(describe.out().contains("Targets:\n  Kind       Name     Exists\n  ----       ----     ------\n"
                + "  Namespace  default  yes\n"), describe.toString());
    }
}
