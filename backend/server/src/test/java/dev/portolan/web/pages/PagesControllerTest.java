package dev.portolan.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The dashboard pages render server-side (no JavaScript needed) from the demo manifests plus one other namespace. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesControllerTest implements TestPropertyProvider {
    private static final String EXTRA = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: shop
              namespace: team-b
              labels:
                tier: web
            spec:
              hostnames: [shop.team-b.example]
              parentRefs:
              - name: example-gateway
                namespace: default
            """;

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path folder = Files.createTempDirectory("portolan-pages");
            try (Stream<Path> files = Files.list(Path.of("../../deploy/examples/demo"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            Files.writeString(folder.resolve("90-team-b.yaml"), EXTRA);
            return Map.of("portolan.manifests", folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String html(String path) {
        HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET(path).accept("text/html"),
                String.class);
        assertEquals(200, response.getStatus().getCode(), path);
        assertTrue(response.getContentType().orElseThrow().toString().startsWith("text/html"), path);
        return response.body();
    }

    @Test
    void everyListPageRendersItsItemsAsLinkedRows() {
        assertTrue(html("/ui/gatewayclasses").contains("href=\"/ui/gatewayclasses/portolan\""));
        String gateways = html("/ui/gateways");
        assertTrue(gateways.contains("href=\"/ui/gateways/default/hello-world\""), gateways);
        assertTrue(gateways.contains("127.0.0.11"));
        assertTrue(gateways.contains("title=\"Programmed: True\""), "status badge with its hover title");
        assertTrue(html("/ui/httproutes").contains("href=\"/ui/httproutes/default/timeout-example\""));
        assertTrue(html("/ui/backends").contains("href=\"/ui/backends/default/auth-service\""));
        String policies = html("/ui/policies");
        assertTrue(policies.contains(
                "href=\"/ui/policies/TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap\""), policies);
        assertTrue(policies.contains(
                "href=\"/ui/policies/BackendTLSPolicy.gateway.networking.k8s.io/default/tls-upstream-auth\""));
        assertTrue(html("/ui/policycrds").contains("href=\"/ui/policycrds/timeoutpolicies.gateway.portolan.dev\""));
        assertTrue(html("/ui/referencegrants").contains("Nothing matches."));
    }

    @Test
    void theApplyPageWarnsOfClusterRbacOnlyInKubernetesMode() {
        String apply = html("/ui/apply");
        assertTrue(apply.contains("Apply manifests"), apply);
        assertTrue(!apply.contains("data-key=\"cluster-writes\""), "embedded mode writes files: no RBAC caveat");
    }

    @Test
    void namespaceLabelsAndTextSearchNarrowTheList() {
        String teamB = html("/ui/httproutes?namespace=team-b");
        assertTrue(teamB.contains("/ui/httproutes/team-b/shop"));
        assertFalse(teamB.contains("/ui/httproutes/default/echo"));
        assertTrue(teamB.contains("<option value=\"team-b\" selected=\"selected\">"), "the picker keeps the choice");
        String labelled = html("/ui/httproutes?labelSelector=tier%3Dweb");
        assertTrue(labelled.contains("/ui/httproutes/team-b/shop"));
        assertFalse(labelled.contains("/ui/httproutes/default/auth\""));
        String byHostname = html("/ui/httproutes?q=store.example");
        assertTrue(byHostname.contains("/ui/httproutes/default/store"));
        assertFalse(byHostname.contains("/ui/httproutes/default/dev\""));
    }

    @Test
    void thePolicyFilterNarrowsToWhatItAffectsAndAHostileValueOnlyMatchesNothing() {
        String capped = html("/ui/httproutes?policy=TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap");
        assertTrue(capped.contains("/ui/httproutes/default/echo\""), "the route under the capped Gateway");
        assertFalse(capped.contains("/ui/httproutes/default/auth\""), "a route the policy does not reach");
        String hostile = html("/ui/httproutes?policy=%3Cscript%3Ealert(1)%3C%2Fscript%3E%2F..%2F" + "x".repeat(3000));
        assertTrue(hostile.contains("Nothing matches."), "an unknown policy matches no row");
        assertFalse(hostile.contains("<script>alert(1)"), "the value is escaped, never markup");
    }

    @Test
    void pagingFollowsTheApiContinueToken() {
        String first = html("/ui/httproutes?limit=2");
        assertTrue(first.contains("/ui/httproutes/default/auth"));
        assertFalse(first.contains("/ui/httproutes/default/dev\""));
        int at = first.indexOf("rel=\"next\"");
        assertTrue(at > 0, "a next-page link");
        String href = first.substring(first.lastIndexOf("href=\"", at) + 6, first.indexOf('"', first.lastIndexOf("href=\"", at) + 6))
                .replace("&amp;", "&");
        assertTrue(href.contains("limit=2") && href.contains("continue="), href);
        String second = html(href);
        assertTrue(second.contains("/ui/httproutes/default/dev\""), second);
    }

    @Test
    void malformedLabelSelectorShowsTheErrorInThePage() {
        HttpClientResponseException error = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class, () -> html("/ui/gateways?labelSelector=%3D%3D%3D"));
        assertEquals(400, error.getStatus().getCode());
        assertTrue(error.getResponse().getBody(String.class).orElseThrow().contains("labelSelector"));
    }

    @Test
    void gatewayDetailShowsListenersAddressesAndInfrastructure() {
        String page = html("/ui/gateways/default/hello-world");
        assertTrue(page.contains("127.0.0.11"));
        assertTrue(page.contains("app.kubernetes.io/name=hello-world"), "infrastructure label");
        assertTrue(page.contains("portolan.dev/owner=demo"), "infrastructure annotation");
        assertTrue(page.contains("<th scope=\"row\">http</th>"), "the listener row");
        assertTrue(page.contains("href=\"/ui/httproutes/default/echo\""), "attached route");
        assertTrue(page.contains("href=\"/ui/gatewayclasses/portolan\""));
        assertTrue(page.contains("title=\"Accepted: Accepted by Portolan\""), "condition reason on hover");
        assertTrue(page.contains("kind: Gateway"), "the object as YAML");
    }

    @Test
    void routeDetailShowsRulesAndEffectiveTimeoutsWithTheirSource() {
        String timeout = html("/ui/httproutes/default/timeout-example");
        assertTrue(timeout.contains("PathPrefix /timeout"));
        assertTrue(timeout.contains("HTTPRoute default/timeout-example spec.rules[0].timeouts.request"));
        assertTrue(timeout.contains(">10s<") && timeout.contains(">2s<"), timeout);
        String echo = html("/ui/httproutes/default/echo");
        assertTrue(echo.contains(
                "TimeoutPolicy default/hello-world-cap spec.override.backendRequest (attached to Gateway default/hello-world)"));
        assertTrue(echo.contains("href=\"/ui/policies/TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap\""));
    }

    @Test
    void backendDetailShowsBackendTls() {
        String page = html("/ui/backends/default/auth-service");
        assertTrue(page.contains("auth.example.com"));
        assertTrue(page.contains("ConfigMap default/auth-cert key ca.crt"));
        assertTrue(page.contains(
                "href=\"/ui/policies/BackendTLSPolicy.gateway.networking.k8s.io/default/tls-upstream-auth\""));
    }

    @Test
    void policyDetailLinksItsTargets() {
        String page = html("/ui/policies/TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap");
        assertTrue(page.contains("href=\"/ui/gateways/default/hello-world\""));
        assertTrue(page.contains("backendRequest: 5s"));
        assertTrue(html("/ui/policycrds/timeoutpolicies.gateway.portolan.dev").contains("openAPIV3Schema"));
    }

    @Test
    void unknownObjectIsAnHtmlNotFoundPageWithALinkBack() {
        HttpClientResponseException error = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class, () -> html("/ui/gateways/default/nope"));
        assertEquals(404, error.getStatus().getCode());
        String body = error.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("Gateway/default/nope does not exist"), body);
        assertTrue(body.contains("href=\"/ui/gateways\""));
        assertTrue(error.getResponse().getContentType().orElseThrow().toString().startsWith("text/html"));
    }
}
