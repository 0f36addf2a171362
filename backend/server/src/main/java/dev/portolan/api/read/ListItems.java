package dev.portolan.api.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.graph.GatewayView;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.ObjectPolicies;
import dev.portolan.policy.PolicyCrd;
import dev.portolan.policy.TargetStatus;
import dev.portolan.store.StoredObject;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;

/** List items with what gwctl's wide tables show, plus kind, metadata and {@code links.self}. */
final class ListItems {
    private final ReadIndex index;
    private final Instant now;
    private final EffectiveJson effective;

    ListItems(ReadIndex index, Instant now) {
        this.index = index;
        this.now = now;
        this.effective = new EffectiveJson(index);
    }

    ObjectNode item(ApiKinds kind, ReadIndex.Entry entry) {
        ObjectNode out = base(kind.kind(), entry.key(), entry.stored());
        switch (kind) {
            case GATEWAY_CLASSES -> gatewayClass(out, entry);
            case GATEWAYS -> gateway(out, entry);
            case HTTP_ROUTES -> route(out, entry);
            case BACKENDS -> backend(out, entry);
            case NAMESPACES -> namespace(out, entry);
            case REFERENCE_GRANTS, BACKEND_TLS_POLICIES -> out.set("policies", ReadJson.policyNames(entry.key(), index));
            default -> { }
        }
        out.put("age", ReadJson.age(entry.stored(), now));
        out.putObject("links").put("self", kind.path(entry.key()));
        return out;
    }

    private ObjectNode base(String kind, ResourceKey key, StoredObject stored) {
        ObjectNode out = ReadJson.JSON.objectNode().put("kind", kind);
        out.set("metadata", ReadJson.metadata(key, stored));
        return out;
    }

    private void gatewayClass(ObjectNode out, ReadIndex.Entry entry) {
        out.put("controller", spec(entry).path("controllerName").asText(""));
        out.put("accepted", ConditionSummary.statusOf(index.statusView(entry.key()).path("conditions"), "Accepted"));
        ArrayNode gateways = out.putArray("gateways");
        index.gatewaysOfClass(entry.key()).forEach(g -> gateways.add(g.namespacedName()));
        out.set("policies", ReadJson.policyNames(entry.key(), index));
    }

    private void gateway(ObjectNode out, ReadIndex.Entry entry) {
        JsonNode spec = spec(entry);
        JsonNode status = index.statusView(entry.key());
        out.put("class", spec.path("gatewayClassName").asText(""));
        ArrayNode addresses = out.putArray("addresses");
        GatewayView view = index.snapshot().computed().graph().gateways().get(entry.key());
        if (view != null) {
            view.addresses().forEach(addresses::add);
        } else {
            status.path("addresses").forEach(a -> addresses.add(a.path("value").asText()));
        }
        TreeSet<Integer> ports = new TreeSet<>();
        spec.path("listeners").forEach(l -> ports.add(l.path("port").asInt()));
        ArrayNode portArray = out.putArray("ports");
        ports.forEach(portArray::add);
        out.put("programmed", ConditionSummary.statusOf(status.path("conditions"), "Programmed"));
        out.put("attachedRoutes", index.routesOfGateway(entry.key()).size());
        out.set("policies", ReadJson.policyNames(entry.key(), index));
        Optional<ObjectPolicies> policies = policiesOf(entry.key());
        out.set("inheritedPolicies", effective.inherited(policies));
        out.set("timeouts", ListTimeouts.ofGateway(policies));
    }

    private void route(ObjectNode out, ReadIndex.Entry entry) {
        JsonNode spec = spec(entry);
        ArrayNode hostnames = out.putArray("hostnames");
        spec.path("hostnames").forEach(h -> hostnames.add(h.asText()));
        ArrayNode parents = out.putArray("parentRefs");
        for (JsonNode ref : spec.path("parentRefs")) {
            String kind = ref.path("kind").asText("Gateway");
            String namespace = ref.path("namespace").asText(entry.key().namespace());
            parents.add(kind + "/" + namespace + "/" + ref.path("name").asText()
                    + (ref.hasNonNull("sectionName") ? "#" + ref.path("sectionName").asText() : ""));
        }
        JsonNode statusParents = index.statusView(entry.key()).path("parents");
        out.put("accepted", ConditionSummary.over(statusParents, "Accepted"));
        out.put("resolvedRefs", ConditionSummary.over(statusParents, "ResolvedRefs"));
        out.set("policies", ReadJson.policyNames(entry.key(), index));
        out.set("inheritedPolicies", effective.inherited(policiesOf(entry.key())));
        out.set("timeouts", ListTimeouts.ofRoute(index.timeouts(entry.key())));
    }

    private void backend(ObjectNode out, ReadIndex.Entry entry) {
        out.put("type", spec(entry).path("type").asText("ClusterIP"));
        ArrayNode routes = out.putArray("referredByRoutes");
        index.routesOfService(entry.key()).forEach(r -> routes.add(r.namespacedName()));
        out.set("policies", ReadJson.policyNames(entry.key(), index));
        out.set("inheritedPolicies", effective.inherited(policiesOf(entry.key())));
        out.set("timeouts", ListTimeouts.ofBackend(index, entry.key()));
    }

    private Optional<ObjectPolicies> policiesOf(ResourceKey key) {
        return index.snapshot().computed().policies().object(key);
    }

    private void namespace(ObjectNode out, ReadIndex.Entry entry) {
        String phase = entry.stored() == null ? "" : entry.stored().status() == null ? ""
                : entry.stored().status().path("phase").asText("");
        out.put("status", phase.isEmpty() ? "Active" : phase);
        out.put("declared", entry.stored() != null);
        out.set("policies", ReadJson.policyNames(entry.key(), index));
    }

    ObjectNode policy(PolicyEntry policy) {
        ObjectNode out = base(policy.key().kind(), policy.key(), policy.stored());
        out.put("policyKind", policy.groupKind());
        ArrayNode targets = out.putArray("targets");
        for (TargetStatus target : policy.targets()) {
            targets.add(target.target().kind() + "/" + target.target().key().namespacedName());
        }
        out.put("policyType", policy.policyType());
        JsonNode status = index.statusView(policy.stored() == null ? policy.key() : policy.stored().key());
        out.put("accepted", ConditionSummary.over(status.path("ancestors"), "Accepted"));
        PolicyReach.Reach affected = index.policyReach().of(policy.key());
        ObjectNode affects = out.putObject("affects");
        affects.set("gateways", names(affected.gateways()));
        affects.set("httproutes", names(affected.routes()));
        affects.set("backends", names(affected.backends()));
        out.put("age", ReadJson.age(policy.stored(), now));
        out.putObject("links").put("self", policy.path());
        return out;
    }

    ObjectNode policyCrd(PolicyCrd crd) {
        ResourceKey key = PolicyCrds.key(crd);
        StoredObject stored = index.snapshot().store().byKey().get(key);
        ObjectNode out = base("CustomResourceDefinition", key, stored);
        out.put("policyKind", crd.groupKind()).put("policyType", crd.policyType())
                .put("scope", crd.namespaced() ? "Namespaced" : "Cluster").put("builtIn", stored == null)
                .put("age", ReadJson.age(stored, now));
        ArrayNode instances = out.putArray("instances");
        index.policies().stream().filter(p -> p.groupKind().equals(crd.groupKind()))
                .forEach(p -> instances.add(p.key().namespacedName()));
        out.putObject("links").put("self", "/api/v1/policycrds/" + crd.name());
        return out;
    }

    private static ArrayNode names(java.util.Collection<ResourceKey> keys) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        keys.forEach(k -> out.add(k.namespacedName()));
        return out;
    }

    private static JsonNode spec(ReadIndex.Entry entry) {
        return entry.stored() == null ? ReadJson.JSON.objectNode() : entry.stored().manifest().path("spec");
    }
}
