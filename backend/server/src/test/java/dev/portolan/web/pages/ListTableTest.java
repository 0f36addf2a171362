package dev.portolan.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import org.junit.jupiter.api.Test;

class ListTableTest {
    private static final String LIST = """
            {"metadata": {"continue": "abc"}, "items": [
             {"metadata": {"name": "auth", "namespace": "default"}, "hostnames": ["auth.example.com"],
              "parentRefs": ["Gateway/default/web"], "accepted": "True", "resolvedRefs": "Partial",
              "policies": [], "age": "1m", "links": {"self": "/api/v1/httproutes/default/auth"}},
             {"metadata": {"name": "shop", "namespace": "team-b"}, "hostnames": [],
              "parentRefs": [], "accepted": "False", "policies": [], "age": "2m",
              "links": {"self": "/api/v1/httproutes/team-b/shop"}}]}""";

    @Test
    void rowsCarryLinksCellsAndBadges() throws Exception {
        ListTable table = ListTable.of(ListKind.HTTP_ROUTES, Manifests.JSON.readTree(LIST), null);
        assertEquals(2, table.rows().size());
        assertEquals("abc", table.continueToken());
        ListTable.Row auth = table.rows().get(0);
        assertEquals("/ui/httproutes/default/auth", auth.link());
        assertEquals("auth.example.com", auth.cells().get(2).text());
        assertEquals("status-true", auth.cells().get(4).badge());
        assertEquals("Accepted: True", auth.cells().get(4).title());
        assertEquals("status-partial", auth.cells().get(5).badge());
        assertNull(auth.cells().get(0).badge());
        assertEquals("Unknown", table.rows().get(1).cells().get(5).text(), "a missing status is Unknown");
    }

    @Test
    void textSearchMatchesNameNamespaceOrHostnameAnyCase() throws Exception {
        JsonNode list = Manifests.JSON.readTree(LIST);
        assertEquals(1, ListTable.of(ListKind.HTTP_ROUTES, list, "AUTH.EXAMPLE").rows().size());
        assertEquals("shop", ListTable.of(ListKind.HTTP_ROUTES, list, "team-b").rows().get(0).name());
        assertEquals(0, ListTable.of(ListKind.HTTP_ROUTES, list, "nothing").rows().size());
        assertEquals(2, ListTable.of(ListKind.HTTP_ROUTES, list, "  ").total());
    }

    @Test
    void numbersSortByValue() throws Exception {
        Cell cell = ListTable.cell(Column.text("Attached routes", "attachedRoutes"), Manifests.JSON.readTree("7"));
        assertEquals("7", cell.text());
        assertEquals("000000000007", cell.sortKey());
    }
}
