package dev.portolan.api.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.embedded.LoopbackAddresses;
import dev.portolan.pipeline.BuiltInResources;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.ControlPlanePipeline;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dry run behind {@code POST /api/v1/analyze}: applies documents (and deletions) to a copy of the store's
 * manifests, runs the same pure pipeline as the snapshot service on both, and compares the issues. Writes nothing.
 * Both sides are computed here with the same options, so differences come from the documents alone.
 */
public final class DryRunAnalyzer {
    private DryRunAnalyzer() {
    }

    /**
     * @param current    the store as it is (manifests; statuses give Gateways their current addresses)
     * @param applies    validated documents to create or replace, in order
     * @param deletions  objects to delete
     */
    public static Analysis analyze(StoreSnapshot current, List<Document> applies, List<ResourceKey> deletions,
                                   String controllerName, Instant now) {
        SortedMap<ResourceKey, ObjectNode> before = new TreeMap<>();
        current.byKey().forEach((key, object) -> before.put(key, object.manifest()));
        SortedMap<ResourceKey, ObjectNode> after = new TreeMap<>(before);
        Map<ResourceKey, String> actions = new LinkedHashMap<>();
        for (Document document : applies) {
            ObjectNode existing = after.get(document.key());
            ObjectNode wanted = UserFields.of(document.key(), document.manifest());
            String action = existing == null ? Analysis.Change.CREATE
                    : UserFields.of(document.key(), existing).equals(wanted) ? Analysis.Change.UNCHANGED
                    : Analysis.Change.UPDATE;
            // a create earlier in the same request stays a create
            actions.merge(document.key(), action, (first, later) ->
                    first.equals(Analysis.Change.CREATE) ? first : later);
            after.put(document.key(), wanted);
        }
        for (ResourceKey key : deletions) {
            boolean present = after.remove(key) != null;
            actions.put(key, present ? Analysis.Change.DELETE : Analysis.Change.UNCHANGED);
        }
        Map<ResourceKey, String> addresses = addresses(current, before.keySet(), after.keySet());
        GraphOptions options = new GraphOptions(controllerName, now,
                key -> Optional.ofNullable(addresses.get(key)));
        SortedSet<Issue> issuesBefore = issues(before.values(), options);
        SortedSet<Issue> issuesAfter = issues(after.values(), options);
        List<Issue> introduced = new ArrayList<>();
        List<Issue> unchanged = new ArrayList<>();
        for (Issue issue : issuesAfter) {
            (issuesBefore.contains(issue) ? unchanged : introduced).add(issue);
        }
        List<Issue> fixed = issuesBefore.stream().filter(issue -> !issuesAfter.contains(issue)).toList();
        List<Analysis.Change> changes = new ArrayList<>();
        actions.forEach((key, action) -> changes.add(new Analysis.Change(key, action)));
        return new Analysis(changes, introduced, fixed, unchanged);
    }

    private static SortedSet<Issue> issues(java.util.Collection<ObjectNode> manifests, GraphOptions options) {
        ResourceSet resources = ResourceSet.of(BuiltInResources.withBuiltIns(manifests));
        ComputedState computed = ControlPlanePipeline.compute(resources, options);
        return IssueFinder.find(resources, computed);
    }

    /**
     * Gateways keep the loopback address their status shows; Gateways that would be new get the next free ones, as
     * the snapshot service would give them. One allocation serves both sides.
     */
    private static Map<ResourceKey, String> addresses(StoreSnapshot current, java.util.Set<ResourceKey> before,
                                                      java.util.Set<ResourceKey> after) {
        SortedSet<ResourceKey> gateways = new TreeSet<>();
        for (ResourceKey key : before) {
            if (isGateway(key)) {
                gateways.add(key);
            }
        }
        for (ResourceKey key : after) {
            if (isGateway(key)) {
                gateways.add(key);
            }
        }
        Map<String, String> previous = new HashMap<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (ResourceKey gateway : gateways) {
            StoredObject stored = current.byKey().get(gateway);
            if (stored == null || stored.status() == null) {
                continue;
            }
            for (JsonNode address : stored.status().path("addresses")) {
                String value = address.path("value").asText("");
                if (value.startsWith("127.0.0.") && taken.add(value)) {
                    previous.put(gateway.namespacedName(), value);
                    break;
                }
            }
        }
        Map<String, String> allocated;
        try {
            allocated = LoopbackAddresses.allocate(previous,
                    gateways.stream().map(ResourceKey::namespacedName).toList());
        } catch (RuntimeException e) {
            allocated = previous; // more Gateways than loopback addresses: the analysis still runs without them
        }
        Map<ResourceKey, String> out = new HashMap<>();
        for (ResourceKey gateway : gateways) {
            String address = allocated.get(gateway.namespacedName());
            if (address != null) {
                out.put(gateway, address);
            }
        }
        return out;
    }

    private static boolean isGateway(ResourceKey key) {
        return ApiGroups.GATEWAY.equals(key.group()) && ApiGroups.GATEWAY_KIND.equals(key.kind());
    }
}
