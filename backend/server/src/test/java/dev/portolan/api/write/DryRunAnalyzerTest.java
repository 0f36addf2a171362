package dev.portolan.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.graph.GraphOptions;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.StoreSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DryRunAnalyzerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final ResourceKey SHOP = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, "default", "shop");
    private static final ResourceKey CART = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, "default", "cart");
    private static final ResourceKey SHOP_SERVICE = ResourceKey.of("", "Service", "default", "shop");

    private static Analysis analyze(StoreSnapshot store, String documents, List<ResourceKey> deletions) {
        List<Document> applies = documents.isEmpty() ? List.of()
                : DocumentValidator.validate(WriteFixtures.parse(documents));
        return DryRunAnalyzer.analyze(store, applies, deletions, GraphOptions.PORTOLAN_CONTROLLER, NOW);
    }

    @Test
    void aRouteToAMissingServiceIntroducesBackendNotFoundAndTheReferenceFinding() {
        StoreSnapshot store = WriteFixtures.store(WriteFixtures.CLASS_AND_GATEWAY
                + "---\n" + WriteFixtures.ROUTE.formatted("shop", "shop") + "---\n"
                + WriteFixtures.SERVICE.formatted("shop"));

        Analysis analysis = analyze(store, WriteFixtures.ROUTE.formatted("cart", "cart"), List.of());

        assertEquals(List.of(new Analysis.Change(CART, Analysis.Change.CREATE)), analysis.changes());
        assertTrue(analysis.issuesIntroduced().stream().anyMatch(issue -> issue.object().equals("HTTPRoute/default/cart")
                && issue.source().equals(Issue.STATUS) && issue.type().equals("ResolvedRefs")
                && issue.reason().equals("BackendNotFound") && issue.where().equals("parent default/web")),
                analysis.issuesIntroduced().toString());
        assertTrue(analysis.issuesIntroduced().contains(new Issue("HTTPRoute/default/cart", Issue.REFERENCE,
                "spec.rules[0].backendRefs", "Reference", "ReferenceNotFound",
                "HTTPRoute \"default/cart\" references a non-existent Service \"default/cart\"")),
                analysis.issuesIntroduced().toString());
        assertEquals(List.of(), analysis.issuesFixed());
        assertTrue(analysis.issuesIntroduced().stream().allMatch(i -> i.object().equals("HTTPRoute/default/cart")),
                "only the new route has issues: " + analysis.issuesIntroduced());
    }

    @Test
    void addingTheMissingServiceFixesTheIssuesAndLeavesOthersUnchanged() {
        StoreSnapshot store = WriteFixtures.store(WriteFixtures.CLASS_AND_GATEWAY
                + "---\n" + WriteFixtures.ROUTE.formatted("shop", "shop") + "---\n"
                + WriteFixtures.ROUTE.formatted("cart", "cart") + "---\n"
                + WriteFixtures.ROUTE.formatted("stock", "stock"));

        Analysis analysis = analyze(store, WriteFixtures.SERVICE.formatted("shop"), List.of());

        assertEquals(List.of(new Analysis.Change(SHOP_SERVICE, Analysis.Change.CREATE)), analysis.changes());
        assertEquals(List.of(), analysis.issuesIntroduced());
        assertTrue(analysis.issuesFixed().stream().anyMatch(i -> i.object().equals("HTTPRoute/default/shop")
                && i.reason().equals("BackendNotFound")), analysis.issuesFixed().toString());
        assertTrue(analysis.issuesFixed().stream().allMatch(i -> i.object().equals("HTTPRoute/default/shop")));
        assertTrue(analysis.issuesUnchanged().stream().anyMatch(i -> i.object().equals("HTTPRoute/default/cart")
                && i.reason().equals("BackendNotFound")));
        assertTrue(analysis.issuesUnchanged().stream().anyMatch(i -> i.object().equals("HTTPRoute/default/stock")));
    }

    @Test
    void changesAreCreateUpdateUnchangedAndDelete() {
        StoreSnapshot store = WriteFixtures.store(WriteFixtures.CLASS_AND_GATEWAY
                + "---\n" + WriteFixtures.ROUTE.formatted("shop", "shop") + "---\n"
                + WriteFixtures.SERVICE.formatted("shop"));

        Analysis same = analyze(store, WriteFixtures.ROUTE.formatted("shop", "shop"), List.of());
        Analysis changed = analyze(store, WriteFixtures.ROUTE.formatted("shop", "other"), List.of());
        Analysis deleted = analyze(store, "", List.of(SHOP_SERVICE));

        assertEquals(List.of(new Analysis.Change(SHOP, Analysis.Change.UNCHANGED)), same.changes());
        assertEquals(List.of(), same.issuesIntroduced());
        assertEquals(List.of(), same.issuesFixed());
        assertEquals(List.of(new Analysis.Change(SHOP, Analysis.Change.UPDATE)), changed.changes());
        assertTrue(changed.issuesIntroduced().stream().anyMatch(i -> i.reason().equals("BackendNotFound")));
        assertEquals(List.of(new Analysis.Change(SHOP_SERVICE, Analysis.Change.DELETE)), deleted.changes());
        assertTrue(deleted.issuesIntroduced().stream().anyMatch(i -> i.object().equals("HTTPRoute/default/shop")
                && i.reason().equals("ReferenceNotFound")), deleted.issuesIntroduced().toString());
    }

    @Test
    void aCrossNamespaceBackendWithoutGrantIsTheFindingDescribeNamesAndAGrantFixesIt() {
        String otherService = WriteFixtures.SERVICE.formatted("vault").replace("namespace: default",
                "namespace: secure");
        String route = WriteFixtures.ROUTE.formatted("cross", "vault").replace("- name: vault",
                "- name: vault\n      namespace: secure");
        StoreSnapshot store = WriteFixtures.store(WriteFixtures.CLASS_AND_GATEWAY + "---\n" + otherService);

        Analysis created = analyze(store, route, List.of());
        assertTrue(created.issuesIntroduced().contains(new Issue("HTTPRoute/default/cross", Issue.REFERENCE,
                "spec.rules[0].backendRefs", "Reference", "ReferenceNotPermitted",
                "HTTPRoute \"default/cross\" is not permitted to reference Service \"secure/vault\"")),
                created.issuesIntroduced().toString());

        StoreSnapshot withRoute = WriteFixtures.store(WriteFixtures.CLASS_AND_GATEWAY + "---\n" + otherService
                + "---\n" + route);
        Analysis granted = analyze(withRoute, """
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: let-default-in, namespace: secure}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default}]
                  to: [{group: "", kind: Service}]
                """, List.of());
        assertTrue(granted.issuesFixed().stream().anyMatch(i -> i.reason().equals("ReferenceNotPermitted")),
                granted.issuesFixed().toString());
        assertTrue(granted.issuesIntroduced().isEmpty(), granted.issuesIntroduced().toString());
    }

    @Test
    void theAnalysisIsDeterministic() {
        StoreSnapshot store = WriteFixtures.store(WriteFixtures.CLASS_AND_GATEWAY);
        String docs = WriteFixtures.ROUTE.formatted("b", "x") + "---\n" + WriteFixtures.ROUTE.formatted("a", "y");
        assertEquals(analyze(store, docs, List.of()), analyze(store, docs, List.of()));
    }
}
