package dev.portolan.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphBuilder;
import dev.portolan.graph.GraphOptions;
import dev.portolan.graph.ResourceGraph;
import dev.portolan.graph.RouteMemo;
import dev.portolan.graph.backendtls.BackendTlsResolver;
import dev.portolan.graph.backendtls.BackendTlsResult;
import dev.portolan.model.VersionedMap;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.policy.PolicyEngine;
import dev.portolan.policy.PolicyMemo;
import dev.portolan.policy.PolicyOptions;
import dev.portolan.policy.PolicyReport;
import dev.portolan.policy.TimeoutPolicyStatuses;
import dev.portolan.translate.GatewayMemo;
import dev.portolan.translate.ProxyConfigTranslator;
import dev.portolan.translate.Translation;
import java.util.Map;
import java.util.SortedSet;

/**
 * The pure path from resources to computed state: graph, then backend TLS on its attachments, then policies, then
 * the proxy config, whose problems are written onto the objects' statuses; TimeoutPolicies get their own status.
 */
public final class ControlPlanePipeline {
    private ControlPlanePipeline() {
    }

    /**
     * What one computation keeps for the next (route views, routes' policies, Gateway slices), used by one thread in
     * turn. A change to an HTTPRoute then costs that route's resolution and its Gateway's translation; a change to
     * anything else (a Gateway, a Service, a policy) computes everything again.
     */
    public static final class Memo {
        private final RouteMemo routes = new RouteMemo();
        private final GatewayMemo gateways = new GatewayMemo();
        private final PolicyMemo policies = new PolicyMemo();
    }

    public static ComputedState compute(ResourceSet resources, GraphOptions options) {
        return compute(resources, options, null);
    }

    /**
     * Like {@link #compute(ResourceSet, GraphOptions)}, reusing what {@code memo} kept of the last computation where
     * its inputs are the same objects (the result is the same as computing from scratch).
     */
    public static ComputedState compute(ResourceSet resources, GraphOptions options, Memo memo) {
        ResourceGraph graph = GraphBuilder.build(resources, options, memo == null ? null : memo.routes);
        Map<ResourceKey, SortedSet<ResourceKey>> gatewaysByService = graph.gatewaysByService();
        BackendTlsResult backendTls = BackendTlsResolver.resolve(resources, gatewaysByService,
                options.controllerName(), options.now());
        PolicyReport policies = PolicyEngine.compute(resources, graph.references(), PolicyOptions.defaults(),
                memo == null ? null : memo.policies);
        // the graph's statuses shared, not copied: a change adds entries for what it touched only
        VersionedMap<ResourceKey, ObjectNode> statuses = VersionedMap.of(graph.statuses())
                .plusAll(backendTls.statuses())
                .plusAll(TimeoutPolicyStatuses.compute(resources, graph.references(), options.controllerName(),
                        options.now()));
        // Translate here, not after publishing, so that what the proxy cannot express is on the objects' status.
        ComputedState untranslated = new ComputedState(graph, backendTls, policies, statuses, null);
        Translation translation = ProxyConfigTranslator.translateWithProblems(resources, untranslated,
                memo == null ? null : memo.gateways);
        return new ComputedState(graph, backendTls, policies, TranslationStatuses.apply(statuses, translation, graph),
                translation);
    }
}
