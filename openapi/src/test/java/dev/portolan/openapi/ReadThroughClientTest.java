package dev.portolan.openapi;

import static dev.portolan.openapi.RunningPortolan.json;
import static dev.portolan.openapi.RunningPortolan.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.client.api.ReadApi;
import dev.portolan.client.invoker.ApiException;
import dev.portolan.client.model.EffectiveBackendTls;
import dev.portolan.client.model.GatewayList;
import dev.portolan.client.model.HTTPRouteList;
import dev.portolan.client.model.HTTPRouteDescription;
import dev.portolan.client.model.RuleTimeouts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Lists and describes of the announcement's examples, through the generated ReadApi only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadThroughClientTest {
    static final String EXTRA = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: other
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: labelled
              labels: {tier: web}
            spec:
              parentRefs: [{name: example-gateway}]
              hostnames: [labelled.example.com]
              rules:
              - backendRefs: [{name: echo, port: 8080}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: elsewhere
              namespace: other
              labels: {tier: batch}
            spec:
              parentRefs: [{name: example-gateway, namespace: default}]
              rules:
              - backendRefs: [{name: echo, namespace: default, port: 8080}]
            """;
    private static final List<String> DEFAULT_ROUTES =
            List.of("auth", "chat", "dev", "echo", "labelled", "store", "timeout-example");

    private RunningPortolan portolan;
    private ReadApi read;

    @BeforeAll
    void start() throws Exception {
        portolan = RunningPortolan.start(EXTRA);
        read = portolan.read();
    }

    @AfterAll
    void stop() throws Exception {
        if (portolan != null) {
            portolan.close();
        }
    }

    @Test
    void listsGatewaysOfANamespace() throws ApiException {
        GatewayList list = read.listGateways("default", null, null, null, null);
        assertEquals("GatewayList", list.getKind());
        assertEquals(List.of("example-gateway", "hello-world"),
                list.getItems().stream().map(item -> item.getMetadata().getName()).toList());
        assertEquals(List.of(80), list.getItems().get(0).getPorts());
    }

    @Test
    void pagesHttpRoutesWithLimitAndContinueInStableOrder() throws ApiException {
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            HTTPRouteList page = read.listHttpRoutes("default", null, null, 3, token);
            page.getItems().forEach(item -> seen.add(item.getMetadata().getName()));
            pageSizes.add(page.getItems().size());
            token = page.getMetadata().getContinue();
        } while (token != null);
        assertEquals(DEFAULT_ROUTES, seen);
        assertEquals(List.of(3, 3, 1), pageSizes);
    }

    @Test
    void listsAllNamespacesWhenNoneIsGiven() throws ApiException {
        JsonNode list = json(read.listHttpRoutes(null, null, null, null, null));
        assertEquals(DEFAULT_ROUTES.size() + 1, list.path("items").size());
        assertTrue(names(json(read.listHttpRoutes("other", null, null, null, null))).contains("elsewhere"));
    }

    @Test
    void filtersByLabelSelector() throws ApiException {
        assertEquals(List.of("labelled"), names(json(read.listHttpRoutes(null, "tier=web", null, null, null))));
        assertEquals(List.of("elsewhere", "labelled"),
                names(json(read.listHttpRoutes(null, "tier in (web,batch)", null, null, null))).stream()
                        .sorted().toList());
        assertEquals(List.of(), names(json(read.listHttpRoutes(null, "tier=none", null, null, null))));
    }

    @Test
    void filtersByRelatedObjectAsGwctlFor() throws ApiException {
        assertEquals(List.of("echo"),
                names(json(read.listHttpRoutes(null, null, "gateway/default/hello-world", null, null))));
        assertEquals(List.of("example-gateway", "hello-world"),
                names(json(read.listGateways(null, null, "httproute/default/echo", null, null))));
    }

    @Test
    void malformedListParametersAreProblems() {
        ApiException e = assertThrows(ApiException.class,
                () -> read.listHttpRoutes(null, "tier in (web", null, null, null));
        assertEquals(400, e.getCode());
        assertEquals("labelSelector", problem(e).path("field").asText());
    }

    @Test
    void describesTheTimeoutExampleWithTheRulesOwnTimeouts() throws ApiException {
        HTTPRouteDescription route = read.describeHttpRoutes("default", "timeout-example");
        // the object itself is typed by the Gateway API CRD: spec.rules[0].timeouts as written
        assertEquals("10s", route.getObject().getSpec().getRules().get(0).getTimeouts().getRequest());
        assertEquals("Accepted", route.getObject().getStatus().getParents().get(0).getConditions().get(0).getType());
        RuleTimeouts rule = route.getEffectiveTimeouts().get("default/example-gateway").get(0);
        assertEquals(0, rule.getRule());
        assertEquals("10s", rule.getRequest().getValue());
        assertEquals("rule", rule.getRequest().getFrom().getValue());
        assertEquals("2s", rule.getBackendRequest().getValue());
        assertEquals("spec.rules[0].timeouts.backendRequest", rule.getBackendRequest().getField());
    }

    @Test
    void describesTheEchoRouteWithTheHelloWorldOverride() throws ApiException {
        JsonNode timeouts = json(read.describeHttpRoutes("default", "echo")).path("effectiveTimeouts");
        JsonNode viaHelloWorld = timeouts.path("default/hello-world").path(0).path("backendRequest");
        assertEquals("5s", viaHelloWorld.path("value").asText());
        assertEquals("TimeoutPolicy/default/hello-world-cap", viaHelloWorld.path("object").asText());
        assertEquals("spec.override.backendRequest", viaHelloWorld.path("field").asText());
        // the other parent only inherits the class default
        assertEquals("15s", timeouts.path("default/example-gateway").path(0).path("backendRequest")
                .path("value").asText());
    }

    @Test
    void describesABackendWithItsBackendTls() throws ApiException {
        EffectiveBackendTls tls = read.describeBackends("default", "auth-service").getBackendTls().get(0);
        assertTrue(tls.getTls());
        assertEquals("auth.example.com", tls.getHostname());
        assertEquals("BackendTLSPolicy/default/tls-upstream-auth", tls.getPolicy());
        assertEquals("default/auth-cert", tls.getCaCertificates().get(0).getConfigMap());
    }

    @Test
    void describeOfAMissingObjectIsNotFound() {
        ApiException e = assertThrows(ApiException.class, () -> read.describeHttpRoutes("default", "nope"));
        assertEquals(404, e.getCode());
        assertTrue(problem(e).path("object").asText().contains("nope"), e.getResponseBody());
    }

    @Test
    void listsPoliciesAndPolicyCrds() throws ApiException {
        JsonNode policies = json(read.listPolicies("default", null, null, null, null));
        assertEquals(List.of("class-defaults", "hello-world-cap", "tls-upstream-auth", "tls-upstream-dev"),
                names(policies).stream().sorted().toList());
        JsonNode crds = json(read.listPolicyCrds(null, null, null, null, null));
        JsonNode timeoutCrd = crds.path("items").path(0);
        assertEquals("timeoutpolicies.gateway.portolan.dev", timeoutCrd.path("metadata").path("name").asText());
        assertEquals("Inherited", timeoutCrd.path("policyType").asText());
        JsonNode described = json(read.describePolicy("TimeoutPolicy.gateway.portolan.dev", "default",
                "hello-world-cap"));
        assertTrue(described.toString().contains("Gateway"), described.toString());
        assertEquals("timeoutpolicies.gateway.portolan.dev",
                json(read.describePolicyCrd("timeoutpolicies.gateway.portolan.dev")).path("metadata")
                        .path("name").asText());
    }

    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }
}
