package dev.portolan.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.model.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetailViewTest {
    @Test
    void matchesReadLikeTheSpec() throws Exception {
        assertEquals("every request", DetailView.matches(Manifests.JSON.readTree("[]")));
        assertEquals("PathPrefix /a; method GET; header x-env=canary | Exact /b; query q=1",
                DetailView.matches(Manifests.JSON.readTree("""
                        [{"path": {"type": "PathPrefix", "value": "/a"}, "method": "GET",
                          "headers": [{"name": "x-env", "value": "canary"}]},
                         {"path": {"type": "Exact", "value": "/b"}, "queryParams": [{"name": "q", "value": "1"}]}]
                        """)));
    }

    @Test
    void effectivePoliciesFlattenBothShapes() throws Exception {
        String merged = """
                {"spec": {"request": "30s"}, "provenance": {"request": {"value": "30s", "policy": "P/default/p",
                 "level": "GatewayClass", "override": false, "link": "/ui/policies/P/default/p"}}}""";
        List<Map<String, Object>> gateway = DetailView.effectivePolicies(
                Manifests.JSON.readTree("{\"TimeoutPolicy.x\": " + merged + "}"), "default/web");
        assertEquals(1, gateway.size());
        assertEquals("default/web", gateway.get(0).get("scope"), "a Gateway's own rows name the Gateway");
        assertEquals("30s", gateway.get(0).get("value"));
        List<Map<String, Object>> route = DetailView.effectivePolicies(
                Manifests.JSON.readTree("{\"default/web\": {\"TimeoutPolicy.x\": " + merged + "}}"), "default/r");
        assertEquals("default/web", route.get(0).get("scope"));
        assertEquals("TimeoutPolicy.x", route.get(0).get("policyKind"));
        assertEquals("request", route.get(0).get("field"));
    }

    @Test
    void linksListOnlyWhatTheRelatedObjectsDoNotShow() throws Exception {
        var described = Manifests.JSON.readTree("""
                {"metadata": {"namespace": "default", "name": "web"},
                 "attachedRoutes": [{"name": "a", "link": "/ui/httproutes/default/a"}],
                 "links": {"self": "/ui/gateways/default/web", "routes": ["/ui/httproutes/default/a"],
                           "openapi": "/openapi.yml"}}""");
        List<Map<String, String>> links = DetailView.related(described.path("links"),
                DetailView.linkedElsewhere(described));
        assertEquals(List.of(Map.of("rel", "openapi", "href", "/openapi.yml")), links);
        assertEquals("default/web", DetailView.ownName(described.path("metadata")));
    }

    @Test
    void effectiveTimeoutsOneRowPerGatewayRuleAndField() throws Exception {
        List<Map<String, Object>> rows = DetailView.effectiveTimeouts(Manifests.JSON.readTree("""
                {"default/web": [{"rule": 0, "request": {"value": "10s", "source": "rule", "disabled": false},
                                  "backendRequest": {"value": "0s", "disabled": true, "source": "policy"}}]}"""));
        assertEquals(2, rows.size());
        assertEquals("10s", rows.get(0).get("value"));
        assertEquals("disabled", rows.get(1).get("value"));
        assertEquals("backendRequest", rows.get(1).get("field"));
    }
}
