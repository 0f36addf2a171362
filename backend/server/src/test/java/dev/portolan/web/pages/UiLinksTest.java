package dev.portolan.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import org.junit.jupiter.api.Test;

class UiLinksTest {
    @Test
    void apiPathsBecomeDashboardPaths() {
        assertEquals("/ui/gateways/default/web", UiLinks.toUi("/api/v1/gateways/default/web"));
        assertEquals("/ui/policies/BackendTLSPolicy.gateway.networking.k8s.io/default/tls",
                UiLinks.toUi("/api/v1/backendtlspolicies/default/tls"));
        assertEquals("/ui/gateways?namespace=team-a", UiLinks.toUi("/api/v1/namespaces/team-a"));
        assertEquals("https://example.com", UiLinks.toUi("https://example.com"));
    }

    @Test
    void rewritesLinksButNeverTheStoredObject() throws Exception {
        JsonNode node = Manifests.JSON.readTree("""
                {"link": "/api/v1/backends/default/echo",
                 "links": {"self": "/api/v1/httproutes/default/a", "gateways": ["/api/v1/gateways/default/g"]},
                 "parents": [{"link": "/api/v1/gateways/default/g", "name": "/api/v1/not-a-link"}],
                 "object": {"link": "/api/v1/gateways/default/g"}}
                """);
        UiLinks.rewrite(node);
        assertEquals("/ui/backends/default/echo", node.path("link").asText());
        assertEquals("/ui/httproutes/default/a", node.path("links").path("self").asText());
        assertEquals("/ui/gateways/default/g", node.path("links").path("gateways").get(0).asText());
        assertEquals("/ui/gateways/default/g", node.path("parents").get(0).path("link").asText());
        assertEquals("/api/v1/not-a-link", node.path("parents").get(0).path("name").asText());
        assertEquals("/api/v1/gateways/default/g", node.path("object").path("link").asText());
    }
}
