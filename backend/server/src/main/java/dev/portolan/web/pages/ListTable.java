package dev.portolan.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A list page's table built from an API list response: one row per item (in the API's order) that matches the text
 * search, cells formatted for reading and sorting.
 *
 * @param columns  the headers
 * @param rows     the rows
 * @param total    items on the API page before the text search
 * @param continueToken the API's metadata.continue for the next page, or null
 */
public record ListTable(List<Column> columns, List<Row> rows, int total, String continueToken) {

    /** A row: the link to the item's detail page and its cells. */
    public record Row(String link, String name, List<Cell> cells) {
    }

    public static ListTable of(ListKind kind, JsonNode list, String search) {
        return of(kind, list, search, null);
    }

    /**
     * @param policy when not blank, only items the policy ({@code Kind.group/namespace/name}) is attached to or
     *               inherited by
     */
    public static ListTable of(ListKind kind, JsonNode list, String search, String policy) {
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            if (!needle.isEmpty() && !matches(item, needle)) {
                continue;
            }
            if (policy != null && !policy.isBlank() && !PolicyCells.affectedBy(item, policy.trim())) {
                continue;
            }
            List<Cell> cells = new ArrayList<>();
            for (Column column : kind.columns()) {
                Cell linked = PolicyCells.cell(column.field(), item);
                cells.add(linked != null ? linked : cell(column, value(item, column.field())));
            }
            rows.add(new Row(UiLinks.toUi(item.path("links").path("self").asText()),
                    item.path("metadata").path("name").asText(), cells));
        }
        JsonNode next = list.path("metadata").path("continue");
        return new ListTable(kind.columns(), rows, list.path("items").size(),
                next.isTextual() && !next.asText().isEmpty() ? next.asText() : null);
    }

    /**
     * The text search: a substring of the name, the namespace, one of the hostnames, or (policies) the policy kind
     * or a target, any case.
     */
    static boolean matches(JsonNode item, String needle) {
        List<String> haystack = new ArrayList<>();
        haystack.add(item.path("metadata").path("name").asText(""));
        haystack.add(item.path("metadata").path("namespace").asText(""));
        item.path("hostnames").forEach(h -> haystack.add(h.asText()));
        haystack.add(item.path("policyKind").asText(""));
        item.path("targets").forEach(t -> haystack.add(t.asText()));
        return haystack.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static JsonNode value(JsonNode item, String field) {
        if (field.equals("name") || field.equals("namespace")) {
            return item.path("metadata").path(field);
        }
        return item.path(field);
    }

    static Cell cell(Column column, JsonNode value) {
        String text;
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.asText()));
            text = String.join(", ", parts);
        } else {
            text = value.isMissingNode() || value.isNull() ? "" : value.asText();
        }
        String sortKey = value.isNumber() ? String.format(Locale.ROOT, "%012d", value.asLong()) : text;
        if (!column.status()) {
            return new Cell(text, sortKey, null, null);
        }
        String status = text.isEmpty() ? "Unknown" : text;
        return new Cell(status, status, Badges.cssClass(status), column.header() + ": " + status);
    }
}
