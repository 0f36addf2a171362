package dev.portolan.api.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.TargetStatus;
import dev.portolan.snapshot.StatusProblem;
import dev.portolan.store.LoadProblem;
import dev.portolan.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * gwctl's analysis findings for one object (references to objects that do not exist, cross-namespace references no
 * ReferenceGrant permits), then every False condition of its status, then load problems of its file.
 */
final class Analysis {
    private final ReadIndex index;
    private final List<ObjectNode> findings = new ArrayList<>();

    private Analysis(ReadIndex index) {
        this.index = index;
    }

    static ArrayNode of(ReadIndex index, ResourceKey key, StoredObject stored, JsonNode status) {
        Analysis analysis = new Analysis(index);
        analysis.references(key);
        analysis.conditions(key, status);
        analysis.loadProblems(key, stored);
        ArrayNode out = ReadJson.JSON.arrayNode();
        analysis.findings.forEach(out::add);
        return out;
    }

    private void references(ResourceKey key) {
        switch (key.kind()) {
            case ApiGroups.GATEWAY_KIND -> index.classOfGateway(key).filter(c -> !index.exists(c))
                    .ifPresent(gatewayClass -> missing(key, gatewayClass));
            case ApiGroups.HTTP_ROUTE -> routeReferences(key);
            case ApiGroups.SERVICE -> index.routesOfService(key).forEach(route -> permission(route, key));
            default -> { }
        }
        index.policy(key.groupKind(), key.namespacedName()).ifPresent(policy -> {
            for (TargetStatus target : policy.targets()) {
                if (!target.exists()) {
                    missing(key, target.target().key());
                }
            }
        });
    }

    private void routeReferences(ResourceKey route) {
        for (ResourceKey gateway : index.gatewaysOfRoute(route)) {
            if (!index.exists(gateway)) {
                missing(route, gateway);
            }
        }
        for (ResourceKey service : index.servicesOfRoute(route)) {
            if (!index.exists(service)) {
                missing(route, service);
            } else {
                permission(route, service);
            }
        }
    }

    private void permission(ResourceKey route, ResourceKey service) {
        if (!route.namespace().equals(service.namespace()) && index.grantsForBackend(route, service).isEmpty()) {
            findings.add(finding("ReferenceNotPermitted", name(route) + " is not permitted to reference "
                    + name(service)).put("object", route.toString()).put("reference", service.toString()));
        }
    }

    private void missing(ResourceKey from, ResourceKey to) {
        findings.add(finding("ReferenceNotFound", name(from) + " references a non-existent " + name(to))
                .put("object", from.toString()).put("reference", to.toString()));
    }

    private void conditions(ResourceKey key, JsonNode status) {
        if (!(status instanceof ObjectNode object) || object.isEmpty()) {
            return;
        }
        for (StatusProblem problem : StatusProblem.collect(Map.of(key, object))) {
            ObjectNode item = finding("ConditionFalse", problem.describe()).put("where", problem.where())
                    .put("type", problem.type()).put("reason", problem.reason());
            findings.add(item);
        }
    }

    private void loadProblems(ResourceKey key, StoredObject stored) {
        String file = stored == null ? null : fileOf(stored.source());
        for (LoadProblem problem : index.snapshot().store().problems()) {
            if (key.equals(problem.object()) || file != null && file.equals(problem.file())) {
                findings.add(finding("LoadProblem", problem.describe()).put("file", problem.file())
                        .put("line", problem.line()).put("field", problem.field()));
            }
        }
    }

    private static String fileOf(String source) {
        if (source == null || source.isEmpty()) {
            return null;
        }
        int hash = source.lastIndexOf('#');
        return hash < 0 ? source : source.substring(0, hash);
    }

    private static ObjectNode finding(String type, String message) {
        return ReadJson.JSON.objectNode().put("type", type).put("message", message);
    }

    /** gwctl's naming: {@code HTTPRoute "ns/name"}, {@code GatewayClass "name"}, Kind.group for other groups. */
    static String name(ResourceKey key) {
        String kind = key.group().isEmpty() || key.group().equals(ApiGroups.GATEWAY) ? key.kind() : key.groupKind();
        return kind + " \"" + key.namespacedName() + "\"";
    }
}
