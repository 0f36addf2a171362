package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.ReferenceIndex;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.GatewayDuration;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The status Portolan owes its own TimeoutPolicies, in GEP-713's policy status shape: one {@code status.ancestors[]}
 * entry per target (the targeted GatewayClass, Namespace, Gateway or HTTPRoute is the ancestorRef) with an
 * {@code Accepted} condition. Reasons, first match wins: {@code Invalid} (a value is no duration, or the target kind
 * is not one a TimeoutPolicy attaches to), {@code TargetNotFound}, {@code Conflicted} (another TimeoutPolicy on the
 * same target takes every value this one sets), else {@code Accepted}, naming the values another policy took.
 * Pure.
 */
public final class TimeoutPolicyStatuses {
    public static final String ACCEPTED = "Accepted";
    public static final String INVALID = "Invalid";
    public static final String TARGET_NOT_FOUND = "TargetNotFound";
    public static final String CONFLICTED = "Conflicted";

    private TimeoutPolicyStatuses() {
    }

    /** Policy key → {@code status} ({@code {"ancestors": [...]}}) for every TimeoutPolicy in {@code resources}. */
    public static SortedMap<ResourceKey, ObjectNode> compute(ResourceSet resources, String controllerName,
                                                             Instant now) {
        List<Policy> policies = PolicyDiscovery.policies(resources, PolicyDiscovery.policyCrds(resources)).stream()
                .filter(p -> p.groupKind().equals(TimeoutPolicies.GROUP_KIND)).toList();
        PolicyHierarchy topology = new PolicyHierarchy(resources, ReferenceIndex.of(resources));
        SortedMap<ResourceKey, ObjectNode> statuses = new TreeMap<>();
        for (Policy policy : policies) {
            ObjectNode status = Manifests.JSON.createObjectNode();
            ArrayNode ancestors = status.putArray("ancestors");
            long generation = policy.manifest().path("metadata").path("generation").asLong(0);
            Optional<String> invalidValue = invalidValue(policy);
            for (PolicyTarget target : new LinkedHashSet<>(policy.targets())) {
                ObjectNode entry = ancestors.addObject();
                entry.set("ancestorRef", ancestorRef(target));
                entry.put("controllerName", controllerName);
                Verdict verdict = judge(policy, target, invalidValue, topology, policies);
                entry.putArray("conditions").add(condition(verdict, generation, now));
            }
            statuses.put(policy.key(), status);
        }
        return statuses;
    }

    /** The Accepted condition's status, reason and message for one policy on one target. */
    record Verdict(boolean accepted, String reason, String message) {
    }

    static Verdict judge(Policy policy, PolicyTarget target, Optional<String> invalidValue, PolicyHierarchy topology,
                         List<Policy> all) {
        if (invalidValue.isPresent()) {
            return new Verdict(false, INVALID, invalidValue.get());
        }
        Optional<PolicyLevel> level = levelOf(target);
        if (level.isEmpty()) {
            return new Verdict(false, INVALID, "targetRef " + describe(target) + ": a TimeoutPolicy attaches to a"
                    + " GatewayClass, Namespace, Gateway or HTTPRoute (group gateway.networking.k8s.io; Namespace:"
                    + " core group)");
        }
        if (!topology.exists(target.key())) {
            return new Verdict(false, TARGET_NOT_FOUND, describe(target) + " does not exist");
        }
        List<MergedPolicy> sameTarget = all.stream()
                .filter(p -> p.targets().stream().anyMatch(t -> t.key().equals(target.key())))
                .map(p -> MergedPolicy.of(p, level.get(), target.key()))
                .toList();
        MergedPolicy merged = PolicyMerger.mergeSameLevel(sameTarget).get(TimeoutPolicies.GROUP_KIND);
        List<String> taken = new ArrayList<>();
        List<String> own = new ArrayList<>();
        for (String section : List.of(MergedPolicy.DEFAULT, MergedPolicy.OVERRIDE)) {
            policy.manifest().path("spec").path(section).fieldNames().forEachRemaining(field -> {
                String key = section + "." + field;
                own.add(key);
                PolicySource source = merged == null ? null : merged.sources().get(key);
                if (source != null && !source.policy().equals(policy.key())) {
                    taken.add("spec." + key + " (TimeoutPolicy " + source.policy().namespacedName()
                            + " takes precedence on " + describe(target) + ")");
                }
            });
        }
        if (!own.isEmpty() && taken.size() == own.size()) {
            return new Verdict(false, CONFLICTED, "every value it sets is taken by another TimeoutPolicy on the same"
                    + " target: " + String.join("; ", taken));
        }
        return new Verdict(true, ACCEPTED, "Policy accepted" + (own.isEmpty() ? "; it sets no timeout" : "")
                + (taken.isEmpty() ? "" : "; ignored: " + String.join("; ", taken)));
    }

    /** The first value that is not a Gateway API duration, named by its field. */
    static Optional<String> invalidValue(Policy policy) {
        for (String section : List.of(MergedPolicy.DEFAULT, MergedPolicy.OVERRIDE)) {
            JsonNode values = policy.manifest().path("spec").path(section);
            for (var it = values.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String where = "spec." + section + "." + field.getKey();
                if (!field.getValue().isTextual()) {
                    return Optional.of(where + ": " + field.getValue() + " must be a duration string such as 10s");
                }
                try {
                    GatewayDuration.parse(field.getValue().asText());
                } catch (IllegalArgumentException e) {
                    return Optional.of(where + ": " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    static Optional<PolicyLevel> levelOf(PolicyTarget target) {
        if (target.kind().equals(ApiGroups.NAMESPACE) && target.group().equals(ApiGroups.CORE)) {
            return Optional.of(PolicyLevel.NAMESPACE);
        }
        if (!target.group().equals(ApiGroups.GATEWAY)) {
            return Optional.empty();
        }
        return switch (target.kind()) {
            case ApiGroups.GATEWAY_CLASS -> Optional.of(PolicyLevel.GATEWAY_CLASS);
            case ApiGroups.GATEWAY_KIND -> Optional.of(PolicyLevel.GATEWAY);
            case ApiGroups.HTTP_ROUTE -> Optional.of(PolicyLevel.HTTP_ROUTE);
            default -> Optional.empty();
        };
    }

    private static ObjectNode ancestorRef(PolicyTarget target) {
        ObjectNode ref = Manifests.JSON.createObjectNode();
        ref.put("group", target.group()).put("kind", target.kind());
        if (!target.namespace().isEmpty()) {
            ref.put("namespace", target.namespace());
        }
        ref.put("name", target.name());
        return ref;
    }

    private static String describe(PolicyTarget target) {
        return target.kind() + " " + target.key().namespacedName();
    }

    private static ObjectNode condition(Verdict verdict, long generation, Instant now) {
        ObjectNode c = Manifests.JSON.createObjectNode();
        c.put("type", ACCEPTED);
        c.put("status", verdict.accepted() ? "True" : "False");
        c.put("reason", verdict.reason());
        c.put("message", verdict.message());
        c.put("observedGeneration", generation);
        c.put("lastTransitionTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
        return c;
    }
}
