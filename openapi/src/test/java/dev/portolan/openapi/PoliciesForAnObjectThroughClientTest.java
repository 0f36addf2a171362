package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.client.api.ReadApi;
import dev.portolan.client.invoker.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/policies?for=KIND/NS/NAME} lists the policies that affect the object, as gwctl's
 * {@code get policies --for}: for every object of every kind of the hierarchy, exactly what its describe lists as
 * directly attached and inherited, plus the BackendTLSPolicies whose "affects" names it; through the generated client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoliciesForAnObjectThroughClientTest {
    /** A Namespace-level policy: the level the relation used to miss. */
    private static final String NAMESPACE_POLICY = """
            apiVersion: gateway.portolan.dev/v1alpha1
            kind: TimeoutPolicy
            metadata:
              name: namespace-defaults
              namespace: default
            spec:
              targetRef:
                group: ""
                kind: Namespace
                name: default
              default:
                request: 40s
            """;

    private RunningPortolan portolan;
    private ReadApi read;

    @BeforeAll
    void start() throws Exception {
        portolan = RunningPortolan.start(NAMESPACE_POLICY);
        read = portolan.read();
    }

    @AfterAll
    void stop() throws Exception {
        if (portolan != null) {
            portolan.close();
        }
    }

    private Set<String> forObject(String reference) throws ApiException {
        Set<String> out = new TreeSet<>();
        for (JsonNode item : RunningPortolan.json(read.listPolicies(null, null, reference, null, null))
                .path("items")) {
            out.add(id(item.path("policyKind").asText(), item.path("metadata").path("namespace").asText(""),
                    item.path("metadata").path("name").asText()));
        }
        return out;
    }

    private static String id(String groupKind, String namespace, String name) {
        return groupKind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    /** describe's directly attached and inherited policies, plus BackendTLSPolicies affecting it (list column). */
    private Set<String> expected(JsonNode describe, String affectsColumn, String namespacedName) throws ApiException {
        Set<String> out = new TreeSet<>();
        for (String section : List.of("directlyAttachedPolicies", "inheritedPolicies")) {
            for (JsonNode policy : describe.path(section)) {
                out.add(id(policy.path("kind").asText(), policy.path("namespace").asText(""),
                        policy.path("name").asText()));
            }
        }
        if (affectsColumn != null) {
            for (JsonNode policy : RunningPortolan.json(read.listPolicies(null, null, null, null, null))
                    .path("items")) {
                boolean backendTls = policy.path("policyKind").asText().startsWith("BackendTLSPolicy.");
                policy.path("affects").path(affectsColumn).forEach(name -> {
                    if (backendTls && name.asText().equals(namespacedName)) {
                        out.add(id(policy.path("policyKind").asText(),
                                policy.path("metadata").path("namespace").asText(""),
                                policy.path("metadata").path("name").asText()));
                    }
                });
            }
        }
        return out;
    }

    @Test
    void aRouteListsItsNamespacesAndItsClassesPolicies() throws ApiException {
        Set<String> echo = forObject("httproute/default/echo");
        assertTrue(echo.contains("TimeoutPolicy.gateway.portolan.dev/default/namespace-defaults"), echo.toString());
        assertTrue(echo.contains("TimeoutPolicy.gateway.portolan.dev/default/class-defaults"), echo.toString());
        assertTrue(echo.contains("TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap"), echo.toString());
        Set<String> namespace = forObject("namespace/default");
        assertEquals(Set.of("TimeoutPolicy.gateway.portolan.dev/default/namespace-defaults"), namespace);
        // a class is above its Gateways: their policies do not affect it
        assertEquals(Set.of("TimeoutPolicy.gateway.portolan.dev/default/class-defaults"),
                forObject("gatewayclass/portolan"));
    }

    @Test
    void everyObjectOfEveryKindAgreesWithItsDescribe() throws ApiException {
        List<String> checked = new ArrayList<>();
        for (JsonNode item : RunningPortolan.json(read.listGatewayClasses(null, null, null, null, null))
                .path("items")) {
            String name = item.path("metadata").path("name").asText();
            assertEquals(expected(RunningPortolan.json(read.describeGatewayClasses(name)), null, name),
                    forObject("gatewayclass/" + name), name);
            checked.add("gatewayclass/" + name);
        }
        for (JsonNode item : RunningPortolan.json(read.listNamespaces(null, null, null, null, null))
                .path("items")) {
            String name = item.path("metadata").path("name").asText();
            assertEquals(expected(RunningPortolan.json(read.describeNamespaces(name)), null, name),
                    forObject("namespace/" + name), name);
            checked.add("namespace/" + name);
        }
        for (JsonNode item : RunningPortolan.json(read.listGateways(null, null, null, null, null)).path("items")) {
            String ns = item.path("metadata").path("namespace").asText();
            String name = item.path("metadata").path("name").asText();
            assertEquals(expected(RunningPortolan.json(read.describeGateways(ns, name)), "gateways", ns + "/" + name),
                    forObject("gateway/" + ns + "/" + name), ns + "/" + name);
            checked.add("gateway/" + ns + "/" + name);
        }
        for (JsonNode item : RunningPortolan.json(read.listHttpRoutes(null, null, null, null, null)).path("items")) {
            String ns = item.path("metadata").path("namespace").asText();
            String name = item.path("metadata").path("name").asText();
            assertEquals(expected(RunningPortolan.json(read.describeHttpRoutes(ns, name)), "httproutes",
                    ns + "/" + name), forObject("httproute/" + ns + "/" + name), ns + "/" + name);
            checked.add("httproute/" + ns + "/" + name);
        }
        boolean sawBackendTls = false;
        for (JsonNode item : RunningPortolan.json(read.listBackends(null, null, null, null, null)).path("items")) {
            String ns = item.path("metadata").path("namespace").asText();
            String name = item.path("metadata").path("name").asText();
            Set<String> affecting = forObject("service/" + ns + "/" + name);
            assertEquals(expected(RunningPortolan.json(read.describeBackends(ns, name)), "backends", ns + "/" + name),
                    affecting, ns + "/" + name);
            sawBackendTls |= affecting.stream().anyMatch(p -> p.startsWith("BackendTLSPolicy."));
            checked.add("service/" + ns + "/" + name);
        }
        assertTrue(sawBackendTls, "the demo's BackendTLSPolicy affects a backend: " + checked);
        assertTrue(checked.size() > 10, checked.toString());
    }
}
