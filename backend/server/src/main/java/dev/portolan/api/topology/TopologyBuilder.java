package dev.portolan.api.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.graph.BackendView;
import dev.portolan.graph.GatewayView;
import dev.portolan.graph.ParentView;
import dev.portolan.graph.RouteView;
import dev.portolan.graph.RuleView;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.policy.PolicyInfo;
import dev.portolan.policy.TargetStatus;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.StatusProblem;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the topology of one snapshot from what the graph already computed: Portolan's GatewayClasses and Gateways,
 * the HTTPRoutes attached to them, their backends and mirrors, and every policy (policy-labelled CRD kinds and
 * BackendTLSPolicy) with edges to the objects it targets. Pure; output sorted.
 */
public final class TopologyBuilder {
    private final ComputedState computed;
    private final Map<ResourceKey, TopologyNode> nodes = new TreeMap<>();
    private final Set<TopologyEdge> edges = new TreeSet<>();

    private TopologyBuilder(ComputedState computed) {
        this.computed = computed;
    }

    public static TopologyGraph build(long snapshotVersion, ResourceSet resources, ComputedState computed) {
        TopologyBuilder builder = new TopologyBuilder(computed);
        builder.gatewaysAndClasses();
        builder.routesAndBackends();
        builder.policies(resources);
        List<TopologyNode> sorted = new ArrayList<>(builder.nodes.values());
        sorted.sort(ORDER);
        return new TopologyGraph(snapshotVersion, sorted, List.copyOf(builder.edges));
    }

    private static final Comparator<TopologyNode> ORDER = Comparator
            .comparingInt((TopologyNode n) -> rank(n.key()))
            .thenComparing(TopologyNode::namespace)
            .thenComparing(TopologyNode::name)
            .thenComparing(n -> n.key().groupKind());

    private static int rank(ResourceKey key) {
        if (key.group().equals(ApiGroups.GATEWAY)) {
            switch (key.kind()) {
                case ApiGroups.GATEWAY_CLASS:
                    return 0;
                case ApiGroups.GATEWAY_KIND:
                    return 1;
                case ApiGroups.HTTP_ROUTE:
                    return 2;
                default:
                    break;
            }
        }
        return key.group().equals(ApiGroups.CORE) && key.kind().equals(ApiGroups.SERVICE) ? 3 : 4;
    }

    private void gatewaysAndClasses() {
        for (ResourceKey key : computed.statuses().keySet()) {
            if (key.group().equals(ApiGroups.GATEWAY) && key.kind().equals(ApiGroups.GATEWAY_CLASS)) {
                add(key, conditionStatus(key));
            }
        }
        for (GatewayView gateway : computed.graph().gateways().values()) {
            add(gateway.key(), conditionStatus(gateway.key()));
            ResourceKey gatewayClass = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_CLASS, "",
                    gateway.className());
            add(gatewayClass, conditionStatus(gatewayClass));
            link(gatewayClass, gateway.key(), TopologyEdge.CLASS);
        }
    }

    private void routesAndBackends() {
        for (RouteView route : computed.graph().routes().values()) {
            add(route.key(), conditionStatus(route.key()));
            for (ParentView parent : route.parents()) {
                if (nodes.containsKey(parent.gateway())) {
                    link(parent.gateway(), route.key(), TopologyEdge.PARENT);
                }
            }
            for (RuleView rule : route.rules()) {
                rule.backends().forEach(b -> backend(route.key(), b, TopologyEdge.BACKEND));
                rule.mirrors().forEach(b -> backend(route.key(), b, TopologyEdge.MIRROR));
            }
        }
    }

    private void backend(ResourceKey route, BackendView backend, String type) {
        ResourceKey key = backend.service() != null ? backend.service()
                : ResourceKey.of(backend.group(), backend.kind(), backend.namespace(), backend.name());
        String status = !backend.resolved() ? TopologyNode.ERROR
                : backend.endpoints().isEmpty() ? TopologyNode.WARNING : TopologyNode.OK;
        TopologyNode known = nodes.get(key);
        if (known == null || severity(status) > severity(known.status())) {
            nodes.put(key, node(key, status));
        }
        link(route, key, type);
    }

    private void policies(ResourceSet resources) {
        for (PolicyInfo policy : computed.policies().policies()) {
            List<ResourceKey> targets = new ArrayList<>();
            for (TargetStatus target : policy.targets()) {
                targets.add(target.target().key());
            }
            policy(policy.policy(), targets);
        }
        for (BackendTLSPolicy policy : resources.backendTlsPolicies()) {
            String namespace = policy.getMetadata().getNamespace();
            ResourceKey key = ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.BACKEND_TLS_POLICY, namespace,
                    policy.getMetadata().getName());
            List<ResourceKey> targets = new ArrayList<>();
            if (policy.getSpec() != null && policy.getSpec().getTargetRefs() != null) {
                for (LocalPolicyTargetReferenceWithSectionName ref : policy.getSpec().getTargetRefs()) {
                    targets.add(ResourceKey.of(ref.getGroup(), ref.getKind(), namespace, ref.getName()));
                }
            }
            policy(key, targets);
        }
    }

    /** A policy is drawn when it targets something drawn; a target that is missing makes it a warning. */
    private void policy(ResourceKey policy, List<ResourceKey> targets) {
        List<ResourceKey> present = targets.stream().filter(nodes::containsKey).toList();
        if (present.isEmpty() || nodes.containsKey(policy)) {
            return;
        }
        String status = conditionStatus(policy);
        if (present.size() < targets.size() && status.equals(TopologyNode.OK)) {
            status = TopologyNode.WARNING;
        }
        add(policy, status);
        present.forEach(target -> link(policy, target, TopologyEdge.POLICY));
    }

    /** error when a condition Accepted is False, warning when any other condition is False, else ok. */
    private String conditionStatus(ResourceKey key) {
        ObjectNode status = computed.statuses().get(key);
        if (status == null) {
            return TopologyNode.OK;
        }
        List<StatusProblem> problems = StatusProblem.collect(Map.of(key, status));
        if (problems.stream().anyMatch(p -> p.type().equals("Accepted"))) {
            return TopologyNode.ERROR;
        }
        return problems.isEmpty() ? TopologyNode.OK : TopologyNode.WARNING;
    }

    private static int severity(String status) {
        return switch (status) {
            case TopologyNode.ERROR -> 2;
            case TopologyNode.WARNING -> 1;
            default -> 0;
        };
    }

    private void add(ResourceKey key, String status) {
        nodes.putIfAbsent(key, node(key, status));
    }

    private static TopologyNode node(ResourceKey key, String status) {
        String self = ApiKinds.of(key).map(kind -> kind.path(key)).orElse(null);
        return new TopologyNode(key, TopologyNode.idOf(key), status, self);
    }

    private void link(ResourceKey from, ResourceKey to, String type) {
        edges.add(new TopologyEdge(TopologyNode.idOf(from), TopologyNode.idOf(to), type));
    }
}
