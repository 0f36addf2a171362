package dev.portolan.cli;

import static dev.portolan.cli.Json.text;
import static dev.portolan.cli.Json.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of {@code get} per kind, as gwctl prints them (AGE always last, so that a script can cut it off),
 * from the API's list items. Pure.
 */
final class GetTables {
    private GetTables() {
    }

    static Table table(Kind kind, List<JsonNode> items, boolean wide, boolean namespaceColumn) {
        List<String> headers = new ArrayList<>();
        if (namespaceColumn) {
            headers.add("NAMESPACE");
        }
        headers.addAll(headers(kind, wide));
        headers.add("AGE");
        Table table = new Table(headers);
        for (JsonNode item : items) {
            List<String> row = new ArrayList<>();
            if (namespaceColumn) {
                row.add(text(item.path("metadata"), "namespace"));
            }
            row.addAll(cells(kind, item, wide));
            row.add(text(item, "age").isEmpty() ? "<unknown>" : text(item, "age"));
            table.row(row);
        }
        return table;
    }

    private static List<String> headers(Kind kind, boolean wide) {
        List<String> headers = new ArrayList<>(switch (kind) {
            case GATEWAY_CLASSES -> List.of("NAME", "CONTROLLER", "ACCEPTED");
            case GATEWAYS -> List.of("NAME", "CLASS", "ADDRESSES", "PORTS", "PROGRAMMED");
            case HTTP_ROUTES -> List.of("NAME", "HOSTNAMES", "PARENT REFS", "ACCEPTED", "RESOLVED");
            case BACKENDS -> List.of("NAME", "TYPE");
            case NAMESPACES -> List.of("NAME", "STATUS");
            case POLICIES -> List.of("NAME", "KIND", "TARGET(S)", "POLICY TYPE", "ACCEPTED");
            case POLICY_CRDS -> List.of("NAME", "POLICY KIND", "POLICY TYPE", "SCOPE");
        });
        if (wide) {
            headers.addAll(switch (kind) {
                case GATEWAY_CLASSES -> List.of("GATEWAYS", "POLICIES");
                case GATEWAYS -> List.of("POLICIES", "HTTPROUTES");
                case HTTP_ROUTES -> List.of("PARENTS", "POLICIES");
                case BACKENDS -> List.of("REFERRED BY ROUTES", "POLICIES");
                case NAMESPACES -> List.of("POLICIES");
                case POLICIES, POLICY_CRDS -> List.of();
            });
        }
        return headers;
    }

    private static List<String> cells(Kind kind, JsonNode item, boolean wide) {
        String name = text(item.path("metadata"), "name");
        List<String> cells = new ArrayList<>(switch (kind) {
            case GATEWAY_CLASSES -> List.of(name, text(item, "controller"), text(item, "accepted"));
            case GATEWAYS -> List.of(name, text(item, "class"), firstFew(texts(item.path("addresses"))),
                    String.join(",", texts(item.path("ports"))), text(item, "programmed"));
            case HTTP_ROUTES -> List.of(name, firstFew(texts(item.path("hostnames"))),
                    String.valueOf(item.path("parentRefs").size()), text(item, "accepted"),
                    text(item, "resolvedRefs"));
            case BACKENDS -> List.of(name, text(item, "type"));
            case NAMESPACES -> List.of(name, text(item, "status"));
            case POLICIES -> List.of(name, text(item, "policyKind"), firstFew(texts(item.path("targets"))),
                    text(item, "policyType"), text(item, "accepted"));
            case POLICY_CRDS -> List.of(name, text(item, "policyKind"), text(item, "policyType"),
                    text(item, "scope"));
        });
        if (wide) {
            int policies = item.path("policies").size();
            cells.addAll(switch (kind) {
                case GATEWAY_CLASSES -> List.of(String.valueOf(item.path("gateways").size()), String.valueOf(policies));
                case GATEWAYS -> List.of(String.valueOf(policies), text(item, "attachedRoutes"));
                case HTTP_ROUTES -> List.of(noneIfEmpty(String.join(",", texts(item.path("parentRefs")))),
                        String.valueOf(policies));
                case BACKENDS -> List.of(firstFew(texts(item.path("referredByRoutes"))), String.valueOf(policies));
                case NAMESPACES -> List.of(String.valueOf(policies));
                case POLICIES, POLICY_CRDS -> List.of();
            });
        }
        return cells;
    }

    /** gwctl's way with long lists: the first two, then "+ N more"; "None" when empty. */
    static String firstFew(List<String> values) {
        if (values.isEmpty()) {
            return "None";
        }
        if (values.size() > 2) {
            return String.join(",", values.subList(0, 2)) + " + " + (values.size() - 2) + " more";
        }
        return String.join(",", values);
    }

    private static String noneIfEmpty(String text) {
        return text.isEmpty() ? "None" : text;
    }
}
