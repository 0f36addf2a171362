package dev.portolan.openapi;

import static dev.portolan.openapi.RunningPortolan.json;
import static dev.portolan.openapi.RunningPortolan.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.client.api.DefaultApi;
import dev.portolan.client.api.ReadApi;
import dev.portolan.client.invoker.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Apply (YAML), resourceVersion preconditions, the token, analyze and delete through the generated client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WritesThroughClientTest {
    private RunningPortolan portolan;
    private DefaultApi writes;
    private ReadApi read;

    @BeforeAll
    void start() throws Exception {
        portolan = RunningPortolan.start("");
        writes = portolan.writes();
        read = portolan.read();
    }

    @AfterAll
    void stop() throws Exception {
        if (portolan != null) {
            portolan.close();
        }
    }

    @Test
    void applyCreatesARouteThenAStaleResourceVersionIsAConflictThenDeleteRemovesIt() throws ApiException {
        JsonNode applied = json(writes.apply(route("from-client", "echo", null), null));
        JsonNode item = applied.path("items").path(0);
        assertEquals("HTTPRoute/default/from-client", item.path("object").asText());
        assertEquals("created", item.path("action").asText());
        assertTrue(applied.path("visible").asBoolean(), applied.toString());
        String version = item.path("resourceVersion").asText();
        assertFalse(version.isEmpty());

        JsonNode described = json(read.describeHttpRoutes("default", "from-client"));
        // the same object, or already moved on by the controller's status write (embedded versions are numbers)
        long describedVersion = Long.parseLong(described.path("metadata").path("resourceVersion").asText());
        assertTrue(describedVersion >= Long.parseLong(version), described.path("metadata").toString());
        assertEquals("True", described.path("accepted").asText());

        // the controller's status write moves resourceVersion on after apply, as in Kubernetes: wait until it settles
        String current = settledResourceVersion("from-client");
        // a write based on the current version succeeds and moves the version on ...
        JsonNode replaced = json(writes.apply(route("from-client", "timeout-svc", current), null));
        assertEquals("configured", replaced.path("items").path(0).path("action").asText());
        // ... so the old version is now stale
        ApiException stale = assertThrows(ApiException.class,
                () -> writes.apply(route("from-client", "echo", current), null));
        assertEquals(409, stale.getCode());
        assertTrue(stale.getResponseHeaders().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"));
        JsonNode problem = problem(stale);
        assertEquals(409, problem.path("status").asInt());
        assertEquals("HTTPRoute/default/from-client", problem.path("object").asText());
        assertEquals("metadata.resourceVersion", problem.path("field").asText());

        JsonNode deleted = json(writes.deleteByKind("httproutes", "default", "from-client", null));
        assertFalse(deleted.isEmpty());
        ApiException gone = assertThrows(ApiException.class, () -> read.describeHttpRoutes("default", "from-client"));
        assertEquals(404, gone.getCode());
    }

    @Test
    void writesWithoutTheTokenAreUnauthorized() throws ApiException {
        DefaultApi anonymous = portolan.api();
        ApiException e = assertThrows(ApiException.class, () -> anonymous.apply(route("no-token", "echo", null), null));
        assertEquals(401, e.getCode());
        assertEquals("Authorization", problem(e).path("field").asText());
        ApiException delete = assertThrows(ApiException.class,
                () -> anonymous.deleteByKind("httproutes", "default", "echo", null));
        assertEquals(401, delete.getCode());
        // nothing was deleted or created
        assertEquals("echo", json(read.describeHttpRoutes("default", "echo")).path("metadata").path("name").asText());
        assertEquals(404, assertThrows(ApiException.class, () -> read.describeHttpRoutes("default", "no-token"))
                .getCode());
    }

    @Test
    void analyzeShowsTheIssueARouteToAMissingServiceIntroduces() throws ApiException {
        JsonNode analysis = json(writes.analyze(route("ghost", "nowhere", null), null));
        assertEquals("create", analysis.path("changes").path(0).path("action").asText());
        List<String> reasons = new ArrayList<>();
        analysis.path("issuesIntroduced").forEach(issue -> {
            assertEquals("HTTPRoute/default/ghost", issue.path("object").asText());
            reasons.add(issue.path("reason").asText());
        });
        assertTrue(reasons.contains("BackendNotFound"), analysis.toString());
        // nothing was written
        assertEquals(404, assertThrows(ApiException.class, () -> read.describeHttpRoutes("default", "ghost")).getCode());
    }

    @Test
    void dryRunApplyAnswersLikeAnalyzeAndDeleteAnalysisNamesTheRemoval() throws ApiException {
        JsonNode dryRun = json(writes.apply(route("dry", "echo", null), true));
        assertEquals("HTTPRoute/default/dry", dryRun.path("changes").path(0).path("object").asText());
        JsonNode removal = json(writes.analyze("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: timeout-example
                """, true));
        assertEquals("delete", removal.path("changes").path(0).path("action").asText());
    }

    @Test
    void aMalformedDocumentIsABadRequestProblem() {
        ApiException e = assertThrows(ApiException.class, () -> writes.apply("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {}
                """, null));
        assertEquals(400, e.getCode());
        assertFalse(problem(e).path("detail").asText().isEmpty());
    }

    private String settledResourceVersion(String name) throws ApiException {
        String previous = null;
        for (int i = 0; i < 50; i++) {
            String now = json(read.describeHttpRoutes("default", name)).path("metadata").path("resourceVersion").asText();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("resourceVersion of HTTPRoute default/" + name + " keeps changing");
    }

    private static String route(String name, String service, String resourceVersion) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: %s
                %sspec:
                  parentRefs:
                  - name: example-gateway
                  hostnames: [%s.example.com]
                  rules:
                  - backendRefs:
                    - name: %s
                      port: 8080
                """.formatted(name, resourceVersion == null ? "" : "  resourceVersion: \"" + resourceVersion + "\"\n",
                name, service);
    }
}
