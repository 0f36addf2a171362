package dev.portolan.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The read API over the demo manifests (the announcement's examples) plus a Secret, labels and broken refs. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoReadApiTest implements TestPropertyProvider {
    static final String SECRET_VALUE = "dG9wLXNlY3JldC1wYXNzd29yZA==";
    private static final String EXTRA = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: database
            type: Opaque
            data:
              password: %s
            stringData:
              token: plain-top-secret-token
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: other
              labels:
                team: blue
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: labelled
              labels:
                tier: web
                env: prod
            spec:
              ports:
              - port: 8080
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: cross
              namespace: other
            spec:
              parentRefs:
              - name: example-gateway
                namespace: default
              rules:
              - backendRefs:
                - name: echo
                  namespace: default
                  port: 8080
                - name: ghost
                  port: 8080
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              labels: {broken: "yes"}
            """.formatted(SECRET_VALUE);

    @Inject
    @Client("/")
    HttpClient httpClient;

    private ReadClient client() {
        return new ReadClient(httpClient);
    }

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-read-demo");
            ReadClient.copyYaml(Path.of("../../deploy/examples/demo"), folder);
            Files.writeString(folder.resolve("90-extra.yaml"), EXTRA);
            return Map.of("portolan.manifests", folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void gatewaysListShowsTheWideColumns() {
        JsonNode list = client().get("/api/v1/gateways");
        assertEquals("portolan.dev/v1", list.path("apiVersion").asText());
        assertEquals("GatewayList", list.path("kind").asText());
        assertEquals(List.of("default/example-gateway", "default/hello-world"), ReadClient.names(list));
        JsonNode example = list.path("items").get(0);
        assertEquals("Gateway", example.path("kind").asText());
        assertEquals("portolan", example.path("class").asText());
        assertEquals("[80]", example.path("ports").toString());
        assertEquals("True", example.path("programmed").asText());
        assertEquals(7, example.path("attachedRoutes").asInt(), "six demo routes and other/cross");
        assertEquals("/api/v1/gateways/default/example-gateway", example.path("links").path("self").asText());
        JsonNode hello = list.path("items").get(1);
        assertEquals("[\"TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap\"]",
                hello.path("policies").toString());
        assertTrue(hello.path("metadata").has("resourceVersion"), hello.toString());
    }

    @Test
    void routesSummariseTheirParents() {
        JsonNode list = client().get("/api/v1/httproutes?namespace=default");
        assertEquals(List.of("default/auth", "default/chat", "default/dev", "default/echo", "default/store",
                "default/timeout-example"), ReadClient.names(list));
        JsonNode echo = list.path("items").get(3);
        assertEquals("True", echo.path("accepted").asText());
        assertEquals("True", echo.path("resolvedRefs").asText());
        assertEquals("[\"Gateway/default/example-gateway\",\"Gateway/default/hello-world\"]",
                echo.path("parentRefs").toString());
        JsonNode cross = client().get("/api/v1/httproutes?namespace=other").path("items").get(0);
        // example-gateway admits routes from its own namespace only
        assertEquals("False", cross.path("accepted").asText());
        assertEquals("False", cross.path("resolvedRefs").asText());
    }

    @Test
    void pagingVisitsEveryRouteOnce() {
        List<String> all = ReadClient.names(client().get("/api/v1/httproutes"));
        assertEquals(7, all.size());
        List<String> paged = new ArrayList<>();
        String path = "/api/v1/httproutes?limit=3";
        int pages = 0;
        while (true) {
            JsonNode page = client().get(path);
            pages++;
            paged.addAll(ReadClient.names(page));
            JsonNode token = page.path("metadata").path("continue");
            if (token.isNull() || token.isMissingNode()) {
                assertEquals(0, page.path("metadata").path("remainingItemCount").asInt());
                break;
            }
            assertEquals(all.size() - paged.size(), page.path("metadata").path("remainingItemCount").asInt());
            path = "/api/v1/httproutes?limit=3&continue=" + token.asText();
        }
        assertEquals(3, pages);
        assertEquals(all, paged);
        assertEquals(all.size(), new HashSet<>(paged).size());
    }

    @Test
    void filtersByLabelsNamespaceAndRelation() {
        assertEquals(List.of("default/labelled"),
                ReadClient.names(client().get("/api/v1/backends?labelSelector=tier%3Dweb,env%20in%20(prod,dev)")));
        assertEquals(List.of("other"), ReadClient.names(client().get("/api/v1/namespaces?labelSelector=team")));
        assertEquals(List.of(), ReadClient.names(client().get("/api/v1/gateways?namespace=nowhere")));
        assertEquals(List.of("default/echo"),
                ReadClient.names(client().get("/api/v1/httproutes?for=gateway/default/hello-world")));
        assertEquals(List.of("default/echo"),
                ReadClient.names(client().get("/api/v1/backends?for=gateway/default/hello-world")));
        assertEquals(List.of("default/class-defaults", "default/hello-world-cap"),
                ReadClient.names(client().get("/api/v1/policies?for=gateway/default/hello-world")));
        assertEquals(List.of("portolan"),
                ReadClient.names(client().get("/api/v1/gatewayclasses?for=httproute/default/echo")));
        assertEquals(List.of("default/tls-upstream-auth"),
                ReadClient.names(client().get("/api/v1/backendtlspolicies?for=httproute/default/auth")));
        assertEquals(List.of("default", "other"),
                ReadClient.names(client().get("/api/v1/namespaces?for=httproute/other/cross")));
    }

    @Test
    void listsAndDescriptionsComeAsYaml() {
        String yaml = client().yaml("/api/v1/httproutes?limit=1");
        assertTrue(yaml.contains("apiVersion: portolan.dev/v1"), yaml);
        assertTrue(yaml.contains("kind: HTTPRouteList"), yaml);
        String describe = client().yaml("/api/v1/gateways/default/hello-world");
        assertTrue(describe.contains("app.kubernetes.io/name: hello-world"), describe);
    }

    @Test
    void timeoutExampleTakesItsTimeoutsFromTheRule() {
        JsonNode route = client().get("/api/v1/httproutes/default/timeout-example");
        JsonNode rule = route.path("effectiveTimeouts").path("default/example-gateway").get(0);
        assertEquals(0, rule.path("rule").asInt());
        assertEquals("10s", rule.path("request").path("value").asText());
        assertEquals("rule", rule.path("request").path("from").asText());
        assertEquals("spec.rules[0].timeouts.request", rule.path("request").path("field").asText());
        assertEquals("2s", rule.path("backendRequest").path("value").asText());
        assertEquals("/timeout", route.path("rules").get(0).path("matches").get(0).path("path").path("value")
                .asText());
        JsonNode backend = route.path("rules").get(0).path("backends").get(0);
        assertEquals("timeout-svc", backend.path("name").asText());
        assertEquals(1, backend.path("weight").asInt());
        assertTrue(backend.path("resolved").asBoolean());
        assertEquals("True", route.path("parents").get(0).path("conditions").get(0).path("status").asText());
        assertEquals("HTTPRoute", route.path("object").path("kind").asText());
        assertTrue(route.path("object").path("status").path("parents").isArray());
    }

    @Test
    void helloWorldCapsBackendRequestFromTheGateway() {
        JsonNode echo = client().get("/api/v1/httproutes/default/echo");
        JsonNode rule = echo.path("effectiveTimeouts").path("default/hello-world").get(0);
        assertEquals("5s", rule.path("backendRequest").path("value").asText());
        assertEquals("policy", rule.path("backendRequest").path("from").asText());
        assertEquals("Gateway", rule.path("backendRequest").path("level").asText());
        assertTrue(rule.path("backendRequest").path("override").asBoolean());
        assertEquals("30s", rule.path("request").path("value").asText());
        assertEquals("GatewayClass", rule.path("request").path("level").asText());
        JsonNode viaExample = echo.path("effectiveTimeouts").path("default/example-gateway").get(0);
        assertEquals("15s", viaExample.path("backendRequest").path("value").asText());
        JsonNode provenance = echo.path("effectivePolicies").path("default/hello-world")
                .path("TimeoutPolicy.gateway.portolan.dev").path("provenance").path("backendRequest");
        assertEquals("TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap", provenance.path("policy").asText());
        assertEquals("/api/v1/policies/TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap",
                provenance.path("link").asText());
        assertEquals(2, echo.path("inheritedPolicies").size());
    }

    @Test
    void gatewayDescriptionHasGwctlSections() {
        JsonNode gateway = client().get("/api/v1/gateways/default/hello-world");
        assertEquals("portolan", gateway.path("gatewayClass").path("name").asText());
        assertEquals(List.of("default/echo"), List.of(gateway.path("attachedRoutes").get(0).path("namespace").asText()
                + "/" + gateway.path("attachedRoutes").get(0).path("name").asText()));
        assertEquals("True", gateway.path("attachedRoutes").get(0).path("accepted").asText());
        assertEquals("echo", gateway.path("backends").get(0).path("name").asText());
        assertEquals("hello-world-cap", gateway.path("directlyAttachedPolicies").get(0).path("name").asText());
        assertEquals("class-defaults", gateway.path("inheritedPolicies").get(0).path("name").asText());
        JsonNode timeouts = gateway.path("effectivePolicies").path("TimeoutPolicy.gateway.portolan.dev");
        assertEquals("5s", timeouts.path("spec").path("backendRequest").asText());
        assertEquals("30s", timeouts.path("spec").path("request").asText());
        assertEquals("GatewayClass", timeouts.path("provenance").path("request").path("level").asText());
        JsonNode listener = gateway.path("listeners").get(0);
        assertEquals("http", listener.path("name").asText());
        assertEquals(1, listener.path("attachedRoutes").asInt());
        assertTrue(listener.path("conditions").size() >= 3, listener.toString());
        assertEquals("demo", gateway.path("infrastructure").path("annotations").path("portolan.dev/owner").asText());
        assertEquals("/api/v1/gatewayclasses/portolan", gateway.path("links").path("gatewayClass").asText());
        assertEquals("[\"/api/v1/httproutes/default/echo\"]", gateway.path("links").path("routes").toString());
    }

    @Test
    void backendDescriptionShowsEffectiveBackendTls() {
        JsonNode auth = client().get("/api/v1/backends/default/auth-service");
        JsonNode tls = auth.path("backendTls").get(0);
        assertEquals(443, tls.path("port").asInt());
        assertTrue(tls.path("tls").asBoolean());
        assertEquals("auth.example.com", tls.path("hostname").asText());
        assertEquals("default/auth-cert", tls.path("caCertificates").get(0).path("configMap").asText());
        assertTrue(tls.path("valid").asBoolean(), tls.toString());
        assertEquals("/api/v1/backendtlspolicies/default/tls-upstream-auth", tls.path("link").asText());
        assertEquals("auth", auth.path("referencedByRoutes").get(0).path("name").asText());
        assertEquals("tls-upstream-auth", auth.path("directlyAttachedPolicies").get(0).path("name").asText());
        JsonNode dev = client().get("/api/v1/backends/default/dev-service").path("backendTls").get(0);
        assertTrue(dev.path("systemCertificates").asBoolean());
        JsonNode echo = client().get("/api/v1/backends/default/echo");
        assertFalse(echo.path("backendTls").get(0).path("tls").asBoolean());
        assertTrue(echo.path("effectivePolicies").has("default/hello-world"), echo.toString());
        assertTrue(echo.path("analysis").toString().contains(
                "HTTPRoute \\\"other/cross\\\" is not permitted to reference Service \\\"default/echo\\\""),
                echo.path("analysis").toString());
    }

    @Test
    void analysisNamesBrokenReferencesAndFalseConditions() {
        JsonNode cross = client().get("/api/v1/httproutes/other/cross");
        List<String> messages = new ArrayList<>();
        cross.path("analysis").forEach(f -> messages.add(f.path("message").asText()));
        assertTrue(messages.contains("HTTPRoute \"other/cross\" references a non-existent Service \"other/ghost\""),
                messages.toString());
        assertTrue(messages.contains("HTTPRoute \"other/cross\" is not permitted to reference Service \"default/echo\""),
                messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("ResolvedRefs=False")), messages.toString());
        JsonNode load = null;
        for (JsonNode finding : cross.path("analysis")) {
            if (finding.path("type").asText().equals("LoadProblem")) {
                load = finding;
            }
        }
        assertTrue(load != null && load.path("file").asText().equals("90-extra.yaml"), cross.path("analysis")
                .toString());
    }

    @Test
    void classAndNamespaceDescriptions() {
        JsonNode portolan = client().get("/api/v1/gatewayclasses/portolan");
        assertEquals(2, portolan.path("attachedGateways").size());
        assertEquals("class-defaults", portolan.path("directlyAttachedPolicies").get(0).path("name").asText());
        JsonNode other = client().get("/api/v1/namespaces/other");
        assertEquals("blue", other.path("object").path("metadata").path("labels").path("team").asText());
        assertTrue(other.path("directlyAttachedPolicies").isArray());
        JsonNode namespaces = client().get("/api/v1/namespaces");
        assertEquals(List.of("default", "other"), ReadClient.names(namespaces));
        assertEquals("Active", namespaces.path("items").get(0).path("status").asText());
    }

    @Test
    void policiesListAndDescribe() {
        JsonNode list = client().get("/api/v1/policies");
        assertEquals(List.of("default/class-defaults", "default/hello-world-cap", "default/tls-upstream-auth",
                "default/tls-upstream-dev"), ReadClient.names(list));
        JsonNode capItem = list.path("items").get(1);
        assertEquals("Inherited", capItem.path("policyType").asText());
        assertEquals("[\"Gateway/default/hello-world\"]", capItem.path("targets").toString());
        JsonNode tlsItem = list.path("items").get(2);
        assertEquals("BackendTLSPolicy.gateway.networking.k8s.io", tlsItem.path("policyKind").asText());
        assertEquals("Direct", tlsItem.path("policyType").asText());
        assertEquals("True", tlsItem.path("accepted").asText());
        JsonNode cap = client().get("/api/v1/policies/TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap");
        assertTrue(cap.path("inherited").asBoolean());
        assertTrue(cap.path("targets").get(0).path("exists").asBoolean());
        assertEquals("5s", cap.path("spec").path("override").path("backendRequest").asText());
        assertEquals("/api/v1/gateways/default/hello-world", cap.path("links").path("targets").get(0).asText());
        JsonNode crds = client().get("/api/v1/policycrds");
        assertEquals(List.of("timeoutpolicies.gateway.portolan.dev"), ReadClient.names(crds));
        assertEquals("Inherited", crds.path("items").get(0).path("policyType").asText());
        assertEquals("Namespaced", crds.path("items").get(0).path("scope").asText());
        JsonNode btls = client().get("/api/v1/backendtlspolicies/default/tls-upstream-dev");
        assertEquals("dev-service", btls.path("targets").get(0).path("name").asText());
    }

    @Test
    void unknownObjectsAndBadParametersAreProblems() {
        assertEquals("Gateway/default/nope",
                client().problem("/api/v1/gateways/default/nope", 404).path("object").asText());
        client().problem("/api/v1/namespaces/nope", 404);
        client().problem("/api/v1/policies/TimeoutPolicy.gateway.portolan.dev/default/nope", 404);
        assertEquals("kind", client().problem("/api/v1/policies/Nope.example.com/default/x", 400)
                .path("field").asText());
        assertEquals("limit", client().problem("/api/v1/httproutes?limit=0", 400).path("field").asText());
        assertEquals("limit", client().problem("/api/v1/httproutes?limit=1001", 400).path("field").asText());
        assertEquals("continue", client().problem("/api/v1/httproutes?continue=garbage", 400).path("field").asText());
        assertEquals("labelSelector", client().problem("/api/v1/httproutes?labelSelector=a%20in%20b", 400)
                .path("field").asText());
        assertEquals("for", client().problem("/api/v1/httproutes?for=widget/x/y", 400).path("field").asText());
        assertEquals("for", client().problem("/api/v1/httproutes?for=gateway/default/nope", 404)
                .path("field").asText());
    }

    @Test
    void secretDataNeverLeaves() {
        List<String> bodies = new ArrayList<>();
        for (String plural : List.of("gatewayclasses", "gateways", "httproutes", "referencegrants",
                "backendtlspolicies", "backends", "namespaces", "policies", "policycrds")) {
            JsonNode list = client().get("/api/v1/" + plural + "?limit=1000");
            bodies.add(list.toString());
            for (JsonNode item : list.path("items")) {
                bodies.add(client().raw(item.path("links").path("self").asText()));
            }
        }
        assertTrue(bodies.size() > 20, "described every listed object");
        for (String body : bodies) {
            assertFalse(body.contains(SECRET_VALUE), body);
            assertFalse(body.contains("plain-top-secret-token"), body);
        }
    }
}
