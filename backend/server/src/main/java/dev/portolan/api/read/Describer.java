package dev.portolan.api.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.api.problem.ApiException;
import dev.portolan.graph.BackendView;
import dev.portolan.graph.Condition;
import dev.portolan.graph.GatewayView;
import dev.portolan.graph.ListenerView;
import dev.portolan.graph.RouteView;
import dev.portolan.graph.RuleView;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.ObjectPolicies;
import dev.portolan.policy.TargetStatus;
import dev.portolan.store.StoredObject;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** gwctl's {@code describe} of one object, from one snapshot's index: object, sections, analysis, links. */
final class Describer {
    private final ReadIndex index;
    private final EffectiveJson effective;
    private final EnforcedJson enforced;

    Describer(ReadIndex index) {
        this.index = index;
        this.effective = new EffectiveJson(index);
        this.enforced = new EnforcedJson(index);
    }

    /** @throws ApiException 404 when the snapshot has no such object */
    ObjectNode describe(ApiKinds kind, ResourceKey key) {
        ReadIndex.Entry entry = index.entry(key).orElseThrow(() -> ApiException.notFound(key));
        ObjectNode status = index.status(key);
        ObjectNode out = ReadJson.JSON.objectNode().put("kind", kind.kind());
        out.set("metadata", ReadJson.metadata(key, entry.stored()));
        out.set("object", entry.stored() == null ? syntheticNamespace(key) : ReadJson.object(entry.stored(), status));
        ObjectNode links = ReadJson.JSON.objectNode().put("self", kind.path(key));
        Optional<ObjectPolicies> policies = index.snapshot().computed().policies().object(key);
        switch (kind) {
            case GATEWAY_CLASSES -> gatewayClass(out, key, links);
            case GATEWAYS -> gateway(out, key, entry.stored(), policies, links);
            case HTTP_ROUTES -> route(out, key, entry.stored(), policies, links);
            case BACKENDS -> backend(out, key, entry.stored(), policies, links);
            case BACKEND_TLS_POLICIES -> index.policy(key.groupKind(), key.namespacedName())
                    .ifPresent(policy -> policySections(out, policy, links));
            default -> { }
        }
        if (kind != ApiKinds.BACKEND_TLS_POLICIES) {
            out.set("directlyAttachedPolicies", ReadJson.directPolicies(key, index));
        }
        if (kind == ApiKinds.NAMESPACES || kind == ApiKinds.GATEWAY_CLASSES) {
            out.set("inheritedPolicies", effective.inherited(policies));
        }
        out.set("analysis", Analysis.of(index, key, entry.stored(), status));
        ArrayNode policyLinks = links.putArray("policies");
        index.policiesTargeting(key).forEach(p -> policyLinks.add(p.path()));
        out.set("links", links);
        return out;
    }

    /** @throws ApiException 404 when the snapshot has no such policy */
    ObjectNode describePolicy(PolicyEntry policy) {
        ObjectNode out = ReadJson.JSON.objectNode().put("kind", policy.key().kind());
        out.set("metadata", ReadJson.metadata(policy.key(), policy.stored()));
        ObjectNode status = index.status(policy.stored() == null ? policy.key() : policy.stored().key());
        if (policy.stored() != null) {
            out.set("object", ReadJson.object(policy.stored(), status));
        }
        ObjectNode links = ReadJson.JSON.objectNode().put("self", policy.path());
        policySections(out, policy, links);
        out.set("analysis", Analysis.of(index, policy.key(), policy.stored(), status));
        out.set("links", links);
        return out;
    }

    private void policySections(ObjectNode out, PolicyEntry policy, ObjectNode links) {
        out.put("policyKind", policy.groupKind()).put("group", policy.key().group())
                .put("policyType", policy.policyType()).put("inherited", policy.inheritable());
        ArrayNode targets = out.putArray("targets");
        ArrayNode targetLinks = links.putArray("targets");
        for (TargetStatus target : policy.targets()) {
            ObjectNode item = ReadJson.reference(target.target().key(), index);
            item.put("exists", target.exists());
            targets.add(item);
            if (item.has("link")) {
                targetLinks.add(item.get("link").asText());
            }
        }
        JsonNode manifest = policy.stored() == null ? ReadJson.JSON.objectNode() : policy.stored().manifest();
        out.set("spec", manifest.path("spec").deepCopy());
        out.set("status", index.status(policy.stored() == null ? policy.key() : policy.stored().key()));
    }

    private void gatewayClass(ObjectNode out, ResourceKey key, ObjectNode links) {
        out.set("attachedGateways", ReadJson.references(index.gatewaysOfClass(key), index));
        ArrayNode gateways = links.putArray("gateways");
        index.gatewaysOfClass(key).forEach(g -> gateways.add(ApiKinds.GATEWAYS.path(g)));
    }

    private void gateway(ObjectNode out, ResourceKey key, StoredObject stored, Optional<ObjectPolicies> policies,
                         ObjectNode links) {
        JsonNode spec = stored.manifest().path("spec");
        ResourceKey gatewayClass = ApiKinds.GATEWAY_CLASSES.key("", spec.path("gatewayClassName").asText(""));
        out.set("gatewayClass", ReadJson.reference(gatewayClass, index));
        GatewayView view = index.snapshot().computed().graph().gateways().get(key);
        ArrayNode routes = out.putArray("attachedRoutes");
        SortedSet<ResourceKey> backends = new TreeSet<>();
        for (ResourceKey route : index.routesOfGateway(key)) {
            ObjectNode item = ReadJson.reference(route, index);
            RouteView routeView = index.snapshot().computed().graph().routes().get(route);
            String accepted = routeView == null ? ConditionSummary.UNKNOWN : routeView.parents().stream()
                    .filter(p -> p.gateway().equals(key)).map(p -> p.accepted() ? "True" : "False")
                    .reduce((a, b) -> a.equals(b) ? a : ConditionSummary.PARTIAL).orElse(ConditionSummary.UNKNOWN);
            item.put("accepted", accepted);
            routes.add(item);
            backends.addAll(index.servicesOfRoute(route));
        }
        out.set("backends", ReadJson.references(backends, index));
        out.set("inheritedPolicies", effective.inherited(policies));
        out.set("effectivePolicies", effective.effective(policies.map(ObjectPolicies::effective)
                .orElse(new java.util.TreeMap<>())));
        out.set("listeners", listeners(view, spec, index.statusView(key)));
        ArrayNode addresses = out.putArray("addresses");
        if (view != null) {
            view.addresses().forEach(addresses::add);
        } else {
            index.statusView(key).path("addresses").forEach(a -> addresses.add(a.path("value").asText()));
        }
        ObjectNode infrastructure = out.putObject("infrastructure");
        infrastructure.set("labels", spec.path("infrastructure").path("labels").isObject()
                ? spec.path("infrastructure").path("labels").deepCopy() : ReadJson.JSON.objectNode());
        infrastructure.set("annotations", spec.path("infrastructure").path("annotations").isObject()
                ? spec.path("infrastructure").path("annotations").deepCopy() : ReadJson.JSON.objectNode());
        links.put("gatewayClass", ApiKinds.GATEWAY_CLASSES.path(gatewayClass));
        ArrayNode routeLinks = links.putArray("routes");
        index.routesOfGateway(key).forEach(r -> routeLinks.add(ApiKinds.HTTP_ROUTES.path(r)));
        ArrayNode backendLinks = links.putArray("backends");
        backends.forEach(b -> backendLinks.add(ApiKinds.BACKENDS.path(b)));
    }

    private static ArrayNode listeners(GatewayView view, JsonNode spec, JsonNode status) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        if (view != null) {
            for (ListenerView listener : view.listeners()) {
                ObjectNode item = out.addObject().put("name", listener.name()).put("port", listener.port())
                        .put("protocol", listener.protocol()).put("hostname", listener.hostname())
                        .put("attachedRoutes", listener.attachedRoutes().size());
                ArrayNode routes = item.putArray("routes");
                listener.attachedRoutes().forEach(r -> routes.add(r.namespacedName()));
                item.set("conditions", conditions(listener.conditions()));
            }
            return out;
        }
        for (JsonNode listener : spec.path("listeners")) {
            ObjectNode item = out.addObject().put("name", listener.path("name").asText())
                    .put("port", listener.path("port").asInt()).put("protocol", listener.path("protocol").asText())
                    .put("hostname", listener.path("hostname").asText(null));
            for (JsonNode listenerStatus : status.path("listeners")) {
                if (listenerStatus.path("name").asText().equals(listener.path("name").asText())) {
                    item.put("attachedRoutes", listenerStatus.path("attachedRoutes").asInt());
                    item.set("conditions", listenerStatus.path("conditions").deepCopy());
                }
            }
            if (!item.has("conditions")) {
                item.putArray("conditions");
            }
        }
        return out;
    }

    private static ArrayNode conditions(List<Condition> conditions) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        for (Condition condition : conditions) {
            out.addObject().put("type", condition.type()).put("status", condition.status() ? "True" : "False")
                    .put("reason", condition.reason()).put("message", condition.message());
        }
        return out;
    }

    private void route(ObjectNode out, ResourceKey key, StoredObject stored, Optional<ObjectPolicies> policies,
                       ObjectNode links) {
        JsonNode spec = stored.manifest().path("spec");
        JsonNode statusParents = index.statusView(key).path("parents");
        ArrayNode parents = out.putArray("parents");
        for (JsonNode ref : spec.path("parentRefs")) {
            ObjectNode item = ReadJson.JSON.objectNode().put("kind", ref.path("kind").asText("Gateway"))
                    .put("namespace", ref.path("namespace").asText(key.namespace()))
                    .put("name", ref.path("name").asText());
            if (ref.hasNonNull("sectionName")) {
                item.put("sectionName", ref.path("sectionName").asText());
            }
            if (ref.hasNonNull("port")) {
                item.put("port", ref.path("port").asInt());
            }
            ResourceKey gateway = ApiKinds.GATEWAYS.key(item.path("namespace").asText(), item.path("name").asText());
            item.put("exists", index.exists(gateway));
            if (index.exists(gateway)) {
                item.put("link", ApiKinds.GATEWAYS.path(gateway));
            }
            item.set("conditions", parentConditions(statusParents, item));
            parents.add(item);
        }
        out.put("accepted", ConditionSummary.over(statusParents, "Accepted"));
        out.put("resolvedRefs", ConditionSummary.over(statusParents, "ResolvedRefs"));
        out.set("hostnames", spec.path("hostnames").isArray() ? spec.path("hostnames").deepCopy()
                : ReadJson.JSON.arrayNode());
        out.set("inheritedPolicies", effective.inherited(policies));
        out.set("effectivePolicies", effective.effectiveByGateway(policies));
        out.set("effectiveTimeouts", effective.timeouts(key));
        out.set("enforced", enforced.route(key));
        out.set("rules", rules(spec, index.snapshot().computed().graph().routes().get(key)));
        out.set("backends", ReadJson.references(index.servicesOfRoute(key), index));
        ArrayNode gatewayLinks = links.putArray("gateways");
        index.gatewaysOfRoute(key).stream().filter(index::exists)
                .forEach(g -> gatewayLinks.add(ApiKinds.GATEWAYS.path(g)));
        ArrayNode backendLinks = links.putArray("backends");
        index.servicesOfRoute(key).stream().filter(index::exists)
                .forEach(b -> backendLinks.add(ApiKinds.BACKENDS.path(b)));
    }

    /** Conditions of the status entry whose parentRef names this parent (name, namespace, section, port). */
    private static JsonNode parentConditions(JsonNode statusParents, ObjectNode parent) {
        for (JsonNode status : statusParents) {
            JsonNode ref = status.path("parentRef");
            if (ref.path("name").asText().equals(parent.path("name").asText())
                    && ref.path("namespace").asText(parent.path("namespace").asText())
                    .equals(parent.path("namespace").asText())
                    && ref.path("sectionName").asText("").equals(parent.path("sectionName").asText(""))
                    && ref.path("port").asInt(0) == parent.path("port").asInt(0)) {
                return status.path("conditions").deepCopy();
            }
        }
        return ReadJson.JSON.arrayNode();
    }

    private ArrayNode rules(JsonNode spec, RouteView view) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        int index = 0;
        for (JsonNode rule : spec.path("rules")) {
            RuleView ruleView = view == null || index >= view.rules().size() ? null : view.rules().get(index);
            ObjectNode item = out.addObject().put("index", index).put("name", rule.path("name").asText(null));
            item.set("matches", rule.path("matches").isArray() ? rule.path("matches").deepCopy()
                    : ReadJson.JSON.arrayNode());
            item.set("filters", rule.path("filters").isArray() ? rule.path("filters").deepCopy()
                    : ReadJson.JSON.arrayNode());
            item.set("timeouts", rule.path("timeouts").isObject() ? rule.path("timeouts").deepCopy() : null);
            item.set("backends", ruleView == null ? specBackends(rule) : resolvedBackends(ruleView.backends()));
            index++;
        }
        return out;
    }

    private static ArrayNode specBackends(JsonNode rule) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        for (JsonNode ref : rule.path("backendRefs")) {
            ObjectNode item = ref.deepCopy();
            if (!item.has("weight")) {
                item.put("weight", 1);
            }
            out.add(item);
        }
        return out;
    }

    private ArrayNode resolvedBackends(List<BackendView> backends) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        for (BackendView backend : backends) {
            ObjectNode item = out.addObject().put("kind", backend.kind()).put("namespace", backend.namespace())
                    .put("name", backend.name());
            if (backend.port() != null) {
                item.put("port", backend.port());
            }
            item.put("weight", backend.weight()).put("resolved", backend.resolved());
            if (!backend.resolved()) {
                item.put("reason", backend.problemReason()).put("problem", backend.problem());
            }
            if (backend.service() != null) {
                item.put("link", ApiKinds.BACKENDS.path(backend.service()));
            }
            ArrayNode endpoints = item.putArray("endpoints");
            backend.endpoints().forEach(e -> endpoints.add(e.ip() + ":" + e.port()));
        }
        return out;
    }

    private void backend(ObjectNode out, ResourceKey key, StoredObject stored, Optional<ObjectPolicies> policies,
                         ObjectNode links) {
        ArrayNode routes = out.putArray("referencedByRoutes");
        for (ResourceKey route : index.routesOfService(key)) {
            ObjectNode item = ReadJson.reference(route, index);
            ArrayNode gateways = item.putArray("gateways");
            index.gatewaysOfRoute(route).forEach(g -> gateways.add(g.namespacedName()));
            routes.add(item);
        }
        ArrayNode gateways = out.putArray("gateways");
        index.snapshot().computed().graph().gatewaysByService().getOrDefault(key, new TreeSet<>())
                .forEach(g -> gateways.add(g.namespacedName()));
        out.set("inheritedPolicies", effective.inherited(policies));
        out.set("effectivePolicies", effective.effectiveByGateway(policies));
        ArrayNode tls = out.putArray("backendTls");
        for (JsonNode port : stored.manifest().path("spec").path("ports")) {
            int number = port.path("port").asInt();
            String name = port.path("name").asText("");
            tls.add(effective.backendTls(number, name,
                    index.snapshot().computed().backendTls().forBackend(key, number, name)));
        }
        // Every grant admitting a route's reference to this Service names it in its "to", so this lists them too.
        SortedSet<ResourceKey> grants = index.references().grantsTo(key);
        out.set("referenceGrants", ReadJson.references(grants, index));
        ArrayNode routeLinks = links.putArray("routes");
        index.routesOfService(key).stream().filter(index::exists)
                .forEach(r -> routeLinks.add(ApiKinds.HTTP_ROUTES.path(r)));
        ArrayNode grantLinks = links.putArray("referenceGrants");
        grants.forEach(g -> grantLinks.add(ApiKinds.REFERENCE_GRANTS.path(g)));
    }

    private static ObjectNode syntheticNamespace(ResourceKey key) {
        ObjectNode out = ReadJson.JSON.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
        out.putObject("metadata").put("name", key.name());
        out.putObject("status").put("phase", "Active");
        return out;
    }
}
