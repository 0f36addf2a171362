package dev.portolan.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.web.PageModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A detail page's model from the API's describe JSON: the description itself (links rewritten to dashboard pages,
 * badge classes on every condition) plus flattened tables the template cannot easily build: effective policies
 * with provenance, effective timeouts per parent Gateway and rule, readable route matches, related links and the
 * stored object as YAML.
 */
public final class DetailView {
    private DetailView() {
    }

    public static Map<String, Object> of(JsonNode describe) {
        ObjectNode d = describe.deepCopy();
        UiLinks.rewrite(d);
        markConditions(d);
        for (JsonNode rule : d.path("rules")) {
            ((ObjectNode) rule).put("matchesText", matches(rule.path("matches")));
            ((ObjectNode) rule).put("filtersText", filters(rule.path("filters")));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("d", PageModel.plain(d));
        model.put("conditions", PageModel.plain(d).getOrDefault("conditionsOfObject", List.of()));
        model.put("effective", effectivePolicies(d.path("effectivePolicies"), ownName(d.path("metadata"))));
        model.put("timeouts", effectiveTimeouts(d.path("effectiveTimeouts")));
        model.put("enforcedTimeouts", EnforcedRows.timeouts(d.path("enforced")));
        model.put("enforcedBackends", EnforcedRows.backends(d.path("enforced")));
        model.put("related", related(d.path("links"), linkedElsewhere(d)));
        model.put("yaml", yaml(describe.path("object")));
        return model;
    }

    /** Adds {@code badge} (CSS class) to every condition-shaped object and copies status.conditions up. */
    static void markConditions(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("type").isTextual() && object.path("status").isTextual() && object.has("reason")) {
                object.put("badge", Badges.forCondition(object.path("type").asText(), object.path("status").asText()));
            }
            object.forEach(DetailView::markConditions);
            JsonNode conditions = object.path("object").path("status").path("conditions");
            if (conditions.isArray() && !object.has("conditionsOfObject")) {
                object.set("conditionsOfObject", conditions);
            }
        } else if (node != null && node.isArray()) {
            node.forEach(DetailView::markConditions);
        }
    }

    /** e.g. {@code PathPrefix /timeout; method GET; header x-env=canary}; {@code every request} when empty. */
    static String matches(JsonNode matches) {
        List<String> out = new ArrayList<>();
        for (JsonNode match : matches) {
            List<String> parts = new ArrayList<>();
            JsonNode path = match.path("path");
            if (!path.isMissingNode()) {
                parts.add(path.path("type").asText("PathPrefix") + " " + path.path("value").asText("/"));
            }
            if (match.hasNonNull("method")) {
                parts.add("method " + match.path("method").asText());
            }
            for (JsonNode header : match.path("headers")) {
                parts.add("header " + header.path("name").asText() + "=" + header.path("value").asText());
            }
            for (JsonNode query : match.path("queryParams")) {
                parts.add("query " + query.path("name").asText() + "=" + query.path("value").asText());
            }
            out.add(String.join("; ", parts));
        }
        return out.isEmpty() ? "every request" : String.join(" | ", out);
    }

    /** Each filter's type and its settings as compact JSON; {@code none} for a rule without filters. */
    static String filters(JsonNode filters) {
        List<String> out = new ArrayList<>();
        for (JsonNode filter : filters) {
            String type = filter.path("type").asText();
            JsonNode settings = filter.deepCopy();
            ((ObjectNode) settings).remove("type");
            out.add(settings.isEmpty() ? type : type + " " + settings);
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** {@code namespace/name} (or the name of a cluster-scoped object) from describe's metadata. */
    static String ownName(JsonNode metadata) {
        String namespace = metadata.path("namespace").asText("");
        String name = metadata.path("name").asText("");
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /**
     * Rows of {scope, policyKind, field, value, policy, level, override, link}. Gateways carry
     * {@code {kind: {spec, provenance}}} (their rows are scoped to {@code self}, the Gateway itself); routes and
     * backends carry the same per parent Gateway.
     */
    static List<Map<String, Object>> effectivePolicies(JsonNode effective, String self) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> outer = effective.fields();
        while (outer.hasNext()) {
            Map.Entry<String, JsonNode> entry = outer.next();
            if (entry.getValue().has("provenance") || entry.getValue().has("spec")) {
                addPolicyRows(rows, self, entry.getKey(), entry.getValue());
            } else {
                entry.getValue().fields().forEachRemaining(
                        kind -> addPolicyRows(rows, entry.getKey(), kind.getKey(), kind.getValue()));
            }
        }
        return rows;
    }

    private static void addPolicyRows(List<Map<String, Object>> rows, String scope, String kind, JsonNode merged) {
        merged.path("provenance").fields().forEachRemaining(field -> {
            JsonNode p = field.getValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scope", scope);
            row.put("policyKind", kind);
            row.put("field", field.getKey());
            row.put("value", p.path("value").isTextual() ? p.path("value").asText() : p.path("value").toString());
            row.put("policy", p.path("policy").asText());
            row.put("level", p.path("level").asText());
            row.put("override", p.path("override").asBoolean());
            row.put("link", p.path("link").asText(""));
            rows.add(row);
        });
    }

    /** Rows of {gateway, rule, field, value, source, link} from effectiveTimeouts (per parent Gateway). */
    static List<Map<String, Object>> effectiveTimeouts(JsonNode timeouts) {
        List<Map<String, Object>> rows = new ArrayList<>();
        timeouts.fields().forEachRemaining(gateway -> {
            for (JsonNode rule : gateway.getValue()) {
                for (String field : List.of("request", "backendRequest")) {
                    JsonNode t = rule.path(field);
                    if (t.isMissingNode() || t.isNull()) {
                        continue;
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("gateway", gateway.getKey());
                    row.put("rule", rule.path("rule").asInt());
                    row.put("field", field);
                    row.put("value", t.path("disabled").asBoolean() ? "disabled" : t.path("value").asText("none"));
                    row.put("source", t.path("source").asText(""));
                    row.put("link", t.path("link").asText(""));
                    row.put("errors", rule.path("errors").toString());
                    rows.add(row);
                }
            }
        });
        return rows;
    }

    /** Every {@code link} value in the description outside its {@code links}: what the page already links to. */
    static Set<String> linkedElsewhere(JsonNode described) {
        Set<String> out = new HashSet<>();
        collectLinks(described, out);
        return out;
    }

    private static void collectLinks(JsonNode node, Set<String> out) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                if (field.getKey().equals("link") && field.getValue().isTextual()) {
                    out.add(field.getValue().asText());
                } else if (!field.getKey().equals("links") && !field.getKey().equals("object")) {
                    collectLinks(field.getValue(), out);
                }
            });
        } else if (node != null && node.isArray()) {
            node.forEach(child -> collectLinks(child, out));
        }
    }

    /**
     * {rel, href} for every link the description names, in its order, except those the page already shows as
     * related objects ({@code shown}): one list of links, not the same objects twice.
     */
    static List<Map<String, String>> related(JsonNode links, Set<String> shown) {
        List<Map<String, String>> out = new ArrayList<>();
        links.fields().forEachRemaining(link -> {
            if (link.getKey().equals("self")) {
                return;
            }
            List<JsonNode> targets = new ArrayList<>();
            if (link.getValue().isArray()) {
                link.getValue().forEach(targets::add);
            } else {
                targets.add(link.getValue());
            }
            for (JsonNode target : targets) {
                if (target.isTextual() && !shown.contains(target.asText())) {
                    out.add(Map.of("rel", link.getKey(), "href", target.asText()));
                }
            }
        });
        return out;
    }

    static String yaml(JsonNode object) {
        if (object.isMissingNode() || object.isNull()) {
            return "";
        }
        try {
            return Manifests.YAML.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            return object.toPrettyString();
        }
    }
}
