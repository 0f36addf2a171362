package dev.portolan.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.testing.RepositoryFolders;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The read API over gwctl's own example data (the resources behind gwctl's README output). */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GwctlExampleReadApiTest implements TestPropertyProvider {
    private static final Path EXAMPLES = RepositoryFolders.gwctlCases();

    @Inject
    @Client("/")
    HttpClient httpClient;

    private ReadClient client() {
        return new ReadClient(httpClient);
    }

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-read-gwctl");
            Files.copy(EXAMPLES.resolve("example-policy-crds.yaml"), folder.resolve("crds.yaml"));
            Files.copy(EXAMPLES.resolve("example-resources.yaml"), folder.resolve("resources.yaml"));
            return Map.of("portolan.manifests", folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void policyCrdsAndPolicies() {
        JsonNode crds = client().get("/api/v1/policycrds");
        assertEquals(List.of("healthcheckpolicies.foo.com", "retryonpolicies.foo.com",
                "timeoutpolicies.bar.com", "timeoutpolicies.gateway.portolan.dev",
                "tlsminimumversionpolicies.baz.com"), ReadClient.names(crds));
        JsonNode timeout = crds.path("items").get(2);
        assertEquals("Inherited", timeout.path("policyType").asText());
        assertEquals("Cluster", timeout.path("scope").asText());
        JsonNode policies = client().get("/api/v1/policies");
        assertEquals(9, policies.path("items").size(), ReadClient.names(policies).toString());
        JsonNode onClass = client().get("/api/v1/policies?labelSelector=&namespace=").path("items").get(0);
        assertEquals("demo-timeout-policy-on-gatewayclass", onClass.path("metadata").path("name").asText());
        assertEquals("[\"GatewayClass/foo-com-external-gateway-class\"]", onClass.path("targets").toString());
        assertEquals("Inherited", onClass.path("policyType").asText());
        assertEquals("/api/v1/policies/TimeoutPolicy.bar.com/demo-timeout-policy-on-gatewayclass",
                onClass.path("links").path("self").asText());
    }

    @Test
    void forAGatewayListsItsClassRoutesBackendsAndThePoliciesAffectingIt() {
        String related = "for=gateway/default/demo-gateway-1";
        assertEquals(List.of("default/demo-httproute-1", "default/demo-httproute-2", "default/demo-httproute-3",
                        "ns2/demo-httproute-4"),
                ReadClient.names(client().get("/api/v1/httproutes?" + related)));
        assertEquals(List.of("foo-com-external-gateway-class"),
                ReadClient.names(client().get("/api/v1/gatewayclasses?" + related)));
        assertEquals(List.of("default/demo-svc"), ReadClient.names(client().get("/api/v1/backends?" + related)));
        assertEquals(List.of(), ReadClient.names(client().get("/api/v1/referencegrants?" + related)));
        assertEquals(List.of("default/my-reference-grant"),
                ReadClient.names(client().get("/api/v1/referencegrants?for=gateway/ns2/demo-gateway-2")));
        // the policies that affect the Gateway: on its class, its namespace and itself, not its routes' policies
        assertEquals(List.of("demo-timeout-policy-on-gatewayclass", "demo-timeout-policy-on-namespace",
                        "default/demo-health-check-1", "default/demo-retry-policy-1"),
                ReadClient.names(client().get("/api/v1/policies?" + related)));
        assertEquals(List.of("ns2/demo-tls-min-version-policy-2"),
                ReadClient.names(client().get("/api/v1/policies?for=gateway/ns2/demo-gateway-2&namespace=ns2")));
    }

    @Test
    void gatewayListsForeignClassesWithoutStatus() {
        JsonNode gateways = client().get("/api/v1/gateways");
        assertEquals(List.of("default/demo-gateway-1", "ns2/demo-gateway-2"), ReadClient.names(gateways));
        JsonNode first = gateways.path("items").get(0);
        assertEquals("foo-com-external-gateway-class", first.path("class").asText());
        assertEquals("Unknown", first.path("programmed").asText());
        // httproute-with-x-ns-backend names demo-gateway-1 without a namespace: ns2/demo-gateway-1, absent
        assertEquals(4, first.path("attachedRoutes").asInt());
        assertEquals(2, first.path("policies").size());
        JsonNode classes = client().get("/api/v1/gatewayclasses");
        assertEquals("foo.com/external-gateway-class", classes.path("items").get(1).path("controller").asText());
        assertEquals("[\"default/demo-gateway-1\"]", classes.path("items").get(1).path("gateways").toString());
        JsonNode routes = client().get("/api/v1/httproutes?namespace=ns2");
        assertEquals("Unknown", routes.path("items").get(0).path("accepted").asText());
    }

    @Test
    void routeEffectivePoliciesMergeDownTheHierarchy() {
        JsonNode route = client().get("/api/v1/httproutes/default/demo-httproute-1");
        assertEquals("demo-tls-min-version-policy-1", route.path("directlyAttachedPolicies").get(0).path("name")
                .asText());
        JsonNode timeout = route.path("effectivePolicies").path("default/demo-gateway-1").path("TimeoutPolicy.bar.com");
        assertEquals("parent", timeout.path("spec").path("timeout1").asText());
        assertEquals("child", timeout.path("spec").path("timeout2").asText());
        assertEquals("child", timeout.path("spec").path("timeout4").asText());
        JsonNode provenance = timeout.path("provenance").path("timeout1");
        assertEquals("GatewayClass", provenance.path("level").asText());
        assertTrue(provenance.path("override").asBoolean());
        assertEquals("Namespace", timeout.path("provenance").path("timeout2").path("level").asText());
        assertTrue(route.path("inheritedPolicies").size() >= 2, route.path("inheritedPolicies").toString());
    }

    @Test
    void backendShowsGrantsRoutesAndPoliciesPerGateway() {
        JsonNode backend = client().get("/api/v1/backends/default/demo-svc");
        assertEquals("my-reference-grant", backend.path("referenceGrants").get(0).path("name").asText());
        // ns2/demo-httproute-4 names demo-svc without a namespace: ns2/demo-svc, absent
        assertEquals(5, backend.path("referencedByRoutes").size());
        assertTrue(backend.path("effectivePolicies").has("default/demo-gateway-1"));
        assertTrue(backend.path("effectivePolicies").has("ns2/demo-gateway-2"));
        assertEquals("demo-tls-min-version-policy-3", backend.path("directlyAttachedPolicies").get(0).path("name")
                .asText());
        assertFalse(backend.path("analysis").toString().contains("not permitted"), backend.path("analysis").toString());
        JsonNode grant = client().get("/api/v1/referencegrants/default/my-reference-grant");
        assertEquals("ns2", grant.path("object").path("spec").path("from").get(0).path("namespace").asText());
        assertEquals("/api/v1/referencegrants/default/my-reference-grant", grant.path("links").path("self").asText());
    }

    @Test
    void analysisFindsTheMissingParent() {
        JsonNode route = client().get("/api/v1/httproutes/ns2/httproute-with-x-ns-backend");
        assertEquals("HTTPRoute \"ns2/httproute-with-x-ns-backend\" references a non-existent Gateway "
                + "\"ns2/demo-gateway-1\"", route.path("analysis").get(0).path("message").asText());
        assertFalse(route.path("parents").get(0).path("exists").asBoolean());
        assertEquals("Unknown", route.path("accepted").asText());
    }

    @Test
    void clusterScopedPolicyAndItsTargets() {
        JsonNode policy = client().get("/api/v1/policies/TimeoutPolicy.bar.com/demo-timeout-policy-on-namespace");
        assertTrue(policy.path("inherited").asBoolean());
        assertEquals("Namespace", policy.path("targets").get(0).path("kind").asText());
        assertTrue(policy.path("targets").get(0).path("exists").asBoolean());
        assertEquals("child", policy.path("spec").path("override").path("timeout1").asText());
        JsonNode btls = client().get("/api/v1/policies/BackendTLSPolicy.gateway.networking.k8s.io/default/tls-upstream-dev");
        assertFalse(btls.path("targets").get(0).path("exists").asBoolean());
        assertTrue(btls.path("analysis").toString().contains(
                "BackendTLSPolicy \\\"default/tls-upstream-dev\\\" references a non-existent Service"),
                btls.path("analysis").toString());
    }

    @Test
    void namespacesCarryTheirPolicies() {
        JsonNode namespaces = client().get("/api/v1/namespaces");
        assertEquals(List.of("default", "ns2"), ReadClient.names(namespaces));
        assertEquals("[\"TimeoutPolicy.bar.com/demo-timeout-policy-on-namespace\"]",
                namespaces.path("items").get(0).path("policies").toString());
        assertFalse(namespaces.path("items").get(0).path("declared").asBoolean());
        assertTrue(namespaces.path("items").get(1).path("declared").asBoolean());
        assertEquals(List.of("default", "ns2"),
                ReadClient.names(client().get("/api/v1/namespaces?for=httproute/ns2/demo-httproute-4")));
        JsonNode gatewayClass = client().get("/api/v1/gatewayclasses/foo-com-external-gateway-class");
        assertEquals("demo-gateway-1", gatewayClass.path("attachedGateways").get(0).path("name").asText());
        assertEquals("demo-timeout-policy-on-gatewayclass",
                gatewayClass.path("directlyAttachedPolicies").get(0).path("name").asText());
    }
}
