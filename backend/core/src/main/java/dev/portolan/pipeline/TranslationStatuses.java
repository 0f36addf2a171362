package dev.portolan.pipeline;

import dev.portolan.model.VersionedMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.Conditions;
import dev.portolan.graph.ResourceGraph;
import dev.portolan.graph.RouteView;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.translate.Translation;
import dev.portolan.translate.TranslationProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts what the proxy cannot express onto the status of the object concerned, so that the user sees it where they
 * look (kubectl, the dashboard) and not only in the log. Per Gateway API: an HTTPRoute with some rules the proxy
 * cannot serve keeps {@code Accepted=True} and gets {@code PartiallyInvalid=True}, reason {@code UnsupportedValue};
 * one with no servable rule gets {@code Accepted=False}, reason {@code UnsupportedValue}. A Gateway listener the
 * proxy leaves out gets {@code Programmed=False}, reason {@code Invalid}. Pure: edits copies of the statuses.
 */
public final class TranslationStatuses {
    static final String PARTIALLY_INVALID = "PartiallyInvalid";
    static final String UNSUPPORTED_VALUE = "UnsupportedValue";
    /** Long enough for a handful of problems; the overview and the summary list them all. */
    static final int MAX_MESSAGE = 1024;
    private static final Pattern LISTENER_FIELD = Pattern.compile("^spec\\.listeners\\[([^\\]]+)\\]");

    private TranslationStatuses() {
    }

    /** {@code statuses} with each object's translation problems on a copy of its status. */
    public static VersionedMap<ResourceKey, ObjectNode> apply(VersionedMap<ResourceKey, ObjectNode> statuses,
                                                          Translation translation, ResourceGraph graph) {
        Map<ResourceKey, List<TranslationProblem>> byObject = new LinkedHashMap<>();
        translation.problems().forEach(p -> byObject.computeIfAbsent(p.object(), k -> new ArrayList<>()).add(p));
        VersionedMap<ResourceKey, ObjectNode> result = statuses;
        for (Map.Entry<ResourceKey, List<TranslationProblem>> entry : byObject.entrySet()) {
            ResourceKey key = entry.getKey();
            ObjectNode status = statuses.get(key);
            if (status == null) {
                continue;
            }
            ObjectNode copy = status.deepCopy();
            if (key.kind().equals(ApiGroups.HTTP_ROUTE)) {
                route(copy, entry.getValue(), translation.disabledRules().get(key), graph.routes().get(key));
            } else if (key.kind().equals(ApiGroups.GATEWAY_KIND)) {
                gateway(copy, entry.getValue());
            }
            result = result.plus(key, copy);
        }
        return result;
    }

    private static void route(ObjectNode status, List<TranslationProblem> problems, SortedSet<Integer> disabled,
                              RouteView view) {
        boolean noRuleServed = view != null && !view.rules().isEmpty() && disabled != null
                && disabled.size() >= view.rules().size();
        String message = message(problems);
        for (JsonNode parent : status.path("parents")) {
            ArrayNode conditions = (ArrayNode) parent.path("conditions");
            ObjectNode accepted = find(conditions, Conditions.ACCEPTED);
            if (accepted == null || !"True".equals(accepted.path("status").asText())) {
                continue;
            }
            if (noRuleServed) {
                set(conditions, accepted, Conditions.ACCEPTED, false, UNSUPPORTED_VALUE,
                        "no rule can be served by the proxy: " + message);
            } else {
                set(conditions, accepted, PARTIALLY_INVALID, true, UNSUPPORTED_VALUE, message);
            }
        }
    }

    private static void gateway(ObjectNode status, List<TranslationProblem> problems) {
        Map<String, List<TranslationProblem>> byListener = new LinkedHashMap<>();
        for (TranslationProblem problem : problems) {
            Matcher m = LISTENER_FIELD.matcher(problem.field());
            if (m.find()) {
                byListener.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(problem);
            }
        }
        for (JsonNode listener : status.path("listeners")) {
            List<TranslationProblem> here = byListener.get(listener.path("name").asText());
            ArrayNode conditions = (ArrayNode) listener.path("conditions");
            ObjectNode programmed = here == null ? null : find(conditions, Conditions.PROGRAMMED);
            if (programmed != null) {
                set(conditions, programmed, Conditions.PROGRAMMED, false, "Invalid", message(here));
            }
        }
    }

    /** Sets a condition, taking observedGeneration and lastTransitionTime from {@code like}; keeps types sorted. */
    private static void set(ArrayNode conditions, ObjectNode like, String type, boolean value, String reason,
                            String message) {
        ObjectNode condition = like.deepCopy();
        condition.put("message", message);
        condition.put("reason", reason);
        condition.put("status", value ? "True" : "False");
        condition.put("type", type);
        List<ObjectNode> all = new ArrayList<>();
        conditions.forEach(c -> {
            if (!type.equals(c.path("type").asText())) {
                all.add((ObjectNode) c);
            }
        });
        all.add(condition);
        all.sort(Comparator.comparing(c -> c.path("type").asText()));
        conditions.removeAll();
        all.forEach(conditions::add);
    }

    private static ObjectNode find(ArrayNode conditions, String type) {
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asText())) {
                return (ObjectNode) c;
            }
        }
        return null;
    }

    static String message(List<TranslationProblem> problems) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        TreeSet<String> distinct = new TreeSet<>(problems.stream().map(p -> p.field() + ": " + p.message()).toList());
        for (String problem : distinct) {
            String part = (shown == 0 ? "" : "; ") + problem;
            if (out.length() + part.length() > MAX_MESSAGE) {
                out.append(" (and ").append(distinct.size() - shown).append(" more)");
                break;
            }
            out.append(part);
            shown++;
        }
        return out.toString();
    }
}
