package dev.portolan.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * List cells of several lines, most of them links: effective timeouts, directly attached and inherited policies (with the level they come from), what a policy
 * affects (counts linking to the lists filtered by that policy) and a policy CRD's instances.
 */
final class PolicyCells {
    private static final String POLICIES_API = "/api/v1/policies/";

    private PolicyCells() {
    }

    /** The cell for a linking field, or null for any other field. */
    static Cell cell(String field, JsonNode item) {
        return switch (field) {
            case "policies" -> direct(item.path("policies"));
            case "inheritedPolicies" -> inherited(item.path("inheritedPolicies"));
            case "affects" -> affects(item);
            case "instances" -> instances(item);
            case "timeouts" -> lines(item.path("timeouts"));
            default -> null;
        };
    }

    /** Whether the item names the policy among its directly attached or inherited policies. */
    static boolean affectedBy(JsonNode item, String policy) {
        for (JsonNode direct : item.path("policies")) {
            if (direct.asText().equals(policy)) {
                return true;
            }
        }
        for (JsonNode inherited : item.path("inheritedPolicies")) {
            if (id(inherited).equals(policy)) {
                return true;
            }
        }
        return false;
    }

    private static Cell direct(JsonNode policies) {
        List<Cell.Link> links = new ArrayList<>();
        for (JsonNode policy : policies) {
            String id = policy.asText();
            links.add(new Cell.Link(shortName(id), "/ui/policies/" + id));
        }
        return of(links);
    }

    private static Cell inherited(JsonNode policies) {
        List<Cell.Link> links = new ArrayList<>();
        for (JsonNode policy : policies) {
            String text = shortKind(policy.path("kind").asText()) + " " + policy.path("name").asText() + " (from "
                    + policy.path("level").asText() + " " + policy.path("targetName").asText() + ")";
            links.add(new Cell.Link(text, UiLinks.toUi(policy.path("link").asText(""))));
        }
        return of(links);
    }

    private static Cell affects(JsonNode item) {
        String self = item.path("links").path("self").asText("");
        String id = self.startsWith(POLICIES_API) ? self.substring(POLICIES_API.length()) : "";
        String filter = URLEncoder.encode(id, StandardCharsets.UTF_8);
        List<Cell.Link> links = new ArrayList<>();
        int total = 0;
        for (String[] kind : new String[][]{{"gateways", "Gateway"}, {"httproutes", "HTTPRoute"},
                {"backends", "backend"}}) {
            int count = item.path("affects").path(kind[0]).size();
            total += count;
            if (count > 0) {
                links.add(new Cell.Link(count + " " + kind[1] + (count == 1 ? "" : "s"),
                        "/ui/" + kind[0] + "?policy=" + filter));
            }
        }
        return new Cell(links.isEmpty() ? "nothing" : "", String.format(Locale.ROOT, "%012d", total), null, null,
                links);
    }

    private static Cell instances(JsonNode item) {
        String kind = item.path("policyKind").asText();
        List<Cell.Link> links = new ArrayList<>();
        for (JsonNode instance : item.path("instances")) {
            links.add(new Cell.Link(instance.asText(), "/ui/policies/" + kind + "/" + instance.asText()));
        }
        return new Cell(links.isEmpty() ? "none" : "", String.format(Locale.ROOT, "%012d", links.size()), null,
                null, links);
    }

    /** One line per entry (no link). */
    private static Cell lines(JsonNode entries) {
        List<Cell.Link> lines = new ArrayList<>();
        entries.forEach(e -> lines.add(new Cell.Link(e.asText(), null)));
        return of(lines);
    }

    private static Cell of(List<Cell.Link> links) {
        String sortKey = String.join(" ", links.stream().map(Cell.Link::text).toList());
        return new Cell("", sortKey, null, null, links);
    }

    /** {@code Kind.group/namespace/name} of an inherited policy item. */
    static String id(JsonNode inherited) {
        String namespace = inherited.path("namespace").asText("");
        return inherited.path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                + inherited.path("name").asText();
    }

    /** {@code TimeoutPolicy default/p} from {@code TimeoutPolicy.gateway.portolan.dev/default/p}. */
    static String shortName(String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? id : shortKind(id.substring(0, slash)) + " " + id.substring(slash + 1);
    }

    private static String shortKind(String groupKind) {
        int dot = groupKind.indexOf('.');
        return dot < 0 ? groupKind : groupKind.substring(0, dot);
    }
}
