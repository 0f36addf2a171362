package dev.portolan.translate;

import dev.portolan.graph.Conditions;
import dev.portolan.graph.GatewayView;
import dev.portolan.graph.HostnameMatcher;
import dev.portolan.graph.ListenerView;
import dev.portolan.graph.ParentView;
import dev.portolan.graph.RouteView;
import dev.portolan.graph.RuleView;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.model.Timestamps;
import dev.portolan.policy.PolicyReport;
import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The translate stage: computed state → the ProxyConfig the data plane serves. Pure and deterministic: Gateways
 * and routes by key, listeners by port then name. Serves only Accepted and Programmed Gateways and listeners, and
 * for each listener the routes whose parentRef to that Gateway is Accepted and attached to it.
 */
public final class ProxyConfigTranslator {
    private ProxyConfigTranslator() {
    }

    /** The config, versioned by a digest of its content ({@link ProxyConfig#of}). */
    public static ProxyConfig translate(ResourceSet resources, TranslationInputs state) {
        return translateWithProblems(resources, state).config();
    }

    /** Like {@link #translate} and also says what could not be expressed; never throws for bad input. */
    public static Translation translateWithProblems(ResourceSet resources, TranslationInputs state) {
        return translateWithProblems(resources, state, null);
    }

    /**
     * Like {@link #translateWithProblems(ResourceSet, TranslationInputs)}, taking from {@code memo} the slices of
     * Gateways whose inputs are the same objects as last time (the result is the same as translating them again).
     */
    public static Translation translateWithProblems(ResourceSet resources, TranslationInputs state, GatewayMemo memo) {
        if (memo != null) {
            memo.begin(resources);
        }
        Problems problems = new Problems();
        BackendTranslator backends = new BackendTranslator(state.backendTls());
        Map<ResourceKey, List<RouteView>> routesByGateway = memo == null
                ? routesByGateway(state.graph().routes().values()) : memo.routesByGateway(state.graph().routes());
        List<GatewayConfig> gateways = new ArrayList<>();
        for (GatewayView gateway : state.graph().gateways().values()) {
            if (gateway.accepted() && Conditions.isTrue(gateway.conditions(), Conditions.PROGRAMMED)) {
                List<RouteView> routes = routesByGateway.getOrDefault(gateway.key(), List.of());
                GatewayMemo.Slice slice = memo == null ? null : memo.reusable(gateway, routes);
                if (slice == null) {
                    Problems own = new Problems();
                    RouteTranslations translated = memo == null ? null : new RouteTranslations();
                    RouteTranslator routeTranslator = new RouteTranslator(resources, backends, state.policies(),
                            memo == null ? null : memo.routeTranslations(gateway), translated);
                    GatewayConfig config = gateway(resources, gateway, routes, routeTranslator, own);
                    slice = new GatewayMemo.Slice(gateway, List.copyOf(routes), config, own.added(),
                            own.disabledRules(), translated);
                }
                if (memo != null) {
                    memo.put(slice);
                }
                problems.addAll(slice.problems(), slice.disabledRules());
                gateways.add(slice.config());
            }
        }
        if (memo != null) {
            memo.end();
        }
        return new Translation(ProxyConfig.of(gateways), problems.sorted(), problems.disabledRules());
    }

    /**
     * Per Gateway, the routes with an accepted parentRef to it, in graph (key) order: each listener then looks only
     * at its own Gateway's routes instead of at every route (Gateways × routes).
     */
    static Map<ResourceKey, List<RouteView>> routesByGateway(Collection<RouteView> routes) {
        Map<ResourceKey, List<RouteView>> byGateway = new HashMap<>();
        for (RouteView route : routes) {
            for (ResourceKey gateway : acceptedGateways(route)) {
                byGateway.computeIfAbsent(gateway, k -> new ArrayList<>()).add(route);
            }
        }
        byGateway.replaceAll((gateway, list) -> List.copyOf(list));
        return byGateway;
    }

    /** The Gateways that accept the route through some parentRef, each once, as {@link #routesByGateway} lists it. */
    static List<ResourceKey> acceptedGateways(RouteView route) {
        List<ResourceKey> gateways = new ArrayList<>(1);
        List<ParentView> parents = route.parents();
        for (int i = 0; i < parents.size(); i++) {
            ParentView parent = parents.get(i);
            if (parent.accepted() && !acceptedBefore(parents, i, parent.gateway())) {
                gateways.add(parent.gateway());
            }
        }
        return gateways;
    }

    /** Whether a parentRef before {@code index} is accepted by the same Gateway (a route is listed once). */
    private static boolean acceptedBefore(List<ParentView> parents, int index, ResourceKey gateway) {
        for (int i = 0; i < index; i++) {
            if (parents.get(i).accepted() && parents.get(i).gateway().equals(gateway)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Translates each route on a listener, or hands on its translation from the Gateway's last slice; keeps the
     * translations in {@code next} (none without a memo).
     */
    private record RouteTranslator(ResourceSet resources, BackendTranslator backends, PolicyReport policies,
                                   RouteTranslations previous, RouteTranslations next) {
        Optional<RouteConfig> translate(GatewayView gateway, ListenerView listener, RouteView route,
                                        Problems problems) {
            if (next == null) { // nothing kept: straight into the Gateway's problems
                return route(resources, gateway, listener, route, new RuleTranslator(backends, policies, problems));
            }
            RouteTranslations.Translated translated = previous == null ? null
                    : previous.get(listener.name(), route);
            if (translated == null) {
                Problems own = new Problems();
                RouteConfig config = route(resources, gateway, listener, route,
                        new RuleTranslator(backends, policies, own)).orElse(null);
                translated = new RouteTranslations.Translated(config, own.added(), own.disabledRules());
            }
            next.put(listener.name(), route, translated);
            problems.addAll(translated.problems(), translated.disabledRules());
            return Optional.ofNullable(translated.config());
        }
    }

    private static GatewayConfig gateway(ResourceSet resources, GatewayView gateway, List<RouteView> routes,
                                         RouteTranslator rules, Problems problems) {
        List<ListenerConfig> listeners = new ArrayList<>();
        List<ListenerView> views = gateway.listeners().stream()
                .sorted(Comparator.comparingInt(ListenerView::port).thenComparing(ListenerView::name))
                .toList();
        for (ListenerView listener : views) {
            if (listener.ready()) {
                listener(resources, routes, gateway, listener, rules, problems).ifPresent(listeners::add);
            }
        }
        String address = gateway.addresses().isEmpty() ? null : gateway.addresses().get(0);
        return new GatewayConfig(gateway.key().namespace(), gateway.key().name(), address,
                gateway.infrastructureLabels(), gateway.infrastructureAnnotations(), listeners);
    }

    private static Optional<ListenerConfig> listener(ResourceSet resources, List<RouteView> gatewayRoutes,
                                                     GatewayView gateway,
                                                     ListenerView listener, RouteTranslator rules,
                                                     Problems problems) {
        String field = "spec.listeners[" + listener.name() + "]";
        Protocol protocol;
        try {
            protocol = Protocol.valueOf(String.valueOf(listener.protocol()));
        } catch (IllegalArgumentException e) {
            problems.add(gateway.key(), field + ".protocol", "protocol " + listener.protocol()
                    + " is not served by the Portolan proxy; the listener is left out");
            return Optional.empty();
        }
        List<CertificateConfig> certificates = new ArrayList<>();
        if (protocol == Protocol.HTTPS) {
            listener.certificateSecrets().forEach(secret ->
                    ListenerCertificates.read(resources, secret, problems).ifPresent(certificates::add));
            if (certificates.isEmpty()) {
                problems.add(gateway.key(), field + ".tls.certificateRefs",
                        "no certificate can be read; the listener is left out");
                return Optional.empty();
            }
        }
        List<RouteConfig> routes = new ArrayList<>();
        for (RouteView route : gatewayRoutes) {
            rules.translate(gateway, listener, route, problems).ifPresent(routes::add);
        }
        return Optional.of(new ListenerConfig(listener.name(), listener.port(), protocol, listener.hostname(),
                certificates, routes));
    }

    /** The route as attached to one listener, empty when no accepted parentRef attached it there. */
    private static Optional<RouteConfig> route(ResourceSet resources, GatewayView gateway, ListenerView listener,
                                               RouteView route, RuleTranslator rules) {
        TreeSet<String> hostnames = new TreeSet<>();
        boolean attached = false;
        for (ParentView parent : route.parents()) {
            List<String> here = parent.gateway().equals(gateway.key()) && parent.accepted()
                    ? parent.hostnamesByListener().get(listener.name()) : null;
            if (here != null) {
                attached = true;
                here.forEach(h -> hostnames.add(h.toLowerCase(Locale.ROOT)));
            }
        }
        if (!attached) {
            return Optional.empty();
        }
        Optional<HTTPRoute> spec = resources.get(route.key(), HTTPRoute.class);
        List<HTTPRouteRule> ruleSpecs = spec.map(r -> r.getSpec() == null ? null : r.getSpec().getRules())
                .orElse(List.of());
        Instant created = Timestamps.parseOrEpoch(spec.map(r -> r.getMetadata().getCreationTimestamp()).orElse(null));
        List<RuleConfig> ruleConfigs = new ArrayList<>();
        for (RuleView rule : route.rules()) {
            HTTPRouteRule ruleSpec = ruleSpecs != null && rule.index() < ruleSpecs.size()
                    ? ruleSpecs.get(rule.index()) : null;
            rules.translate(route.key(), rule, ruleSpec, gateway.key().namespacedName()).ifPresent(ruleConfigs::add);
        }
        // ANY (no hostname constraint) swallows every other name.
        List<String> effective = hostnames.contains(HostnameMatcher.ANY) ? List.of() : List.copyOf(hostnames);
        return Optional.of(new RouteConfig(route.key().namespace(), route.key().name(), created, effective,
                ruleConfigs));
    }
}
