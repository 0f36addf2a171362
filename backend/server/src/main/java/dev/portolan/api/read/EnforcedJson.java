package dev.portolan.api.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.BackendView;
import dev.portolan.graph.RouteView;
import dev.portolan.graph.RuleView;
import dev.portolan.graph.backendtls.BackendTlsChain;
import dev.portolan.model.GatewayDuration;
import dev.portolan.model.ResourceKey;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.policy.ChainStep;
import dev.portolan.policy.EffectiveRuleTimeouts;
import dev.portolan.policy.TimeoutChains;
import dev.portolan.policy.TimeoutPolicies;
import dev.portolan.policy.TimeoutSetting;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.TimeoutsConfig;
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.proxy.config.WeightedBackend;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the proxy enforces for each rule of a route under each parent Gateway, read from the proxy config the
 * control plane translated (the config the proxy serves), with the chain that decided each value: timeouts
 * (rule value, TimeoutPolicy defaults by level, overrides) and backend TLS (the BackendTLSPolicies claiming each
 * backend port).
 */
final class EnforcedJson {
    static final String ENFORCED = "enforced";
    static final String NONE = "none";
    static final String DISABLED = "disabled";
    static final String INVALID = "invalid";
    static final String NOT_SERVED = "notServed";

    private final ReadIndex index;

    EnforcedJson(ReadIndex index) {
        this.index = index;
    }

    /** {@code {"<ns>/<gateway>": [{rule, served, request, backendRequest, backends}]}}. */
    ObjectNode route(ResourceKey route) {
        ObjectNode out = ReadJson.JSON.objectNode();
        ControlPlaneSnapshot snapshot = index.snapshot();
        RouteView view = snapshot.computed().graph().routes().get(route);
        for (EffectiveRuleTimeouts timeouts : index.timeouts(route)) {
            ArrayNode rules = out.has(timeouts.gateway()) ? (ArrayNode) out.get(timeouts.gateway())
                    : out.putArray(timeouts.gateway());
            Optional<RuleConfig> served = servedRule(route, timeouts.gateway(), timeouts.rule());
            ObjectNode item = rules.addObject().put("rule", timeouts.rule()).put("served", served.isPresent());
            if (served.isEmpty()) {
                item.put("servedNote", "the proxy does not serve this rule through Gateway " + timeouts.gateway()
                        + " (the route is not accepted there, the Gateway is not programmed, or no match of the"
                        + " rule can be expressed)");
            }
            TimeoutsConfig config = served.map(RuleConfig::timeouts).orElse(null);
            item.set("request", timeout(timeouts, TimeoutPolicies.REQUEST, timeouts.request(), served.isPresent(),
                    config == null ? null : config.request()));
            item.set("backendRequest", timeout(timeouts, TimeoutPolicies.BACKEND_REQUEST, timeouts.backendRequest(),
                    served.isPresent(), config == null ? null : config.backendRequest()));
            RuleView rule = view == null || timeouts.rule() >= view.rules().size() ? null
                    : view.rules().get(timeouts.rule());
            item.set("backends", backends(rule, served.orElse(null)));
        }
        return out;
    }

    private ObjectNode timeout(EffectiveRuleTimeouts timeouts, String field, Optional<TimeoutSetting> effective,
                               boolean served, Duration enforced) {
        ObjectNode out = ReadJson.JSON.objectNode().put("field", field);
        String state;
        String why;
        if (!served) {
            state = NOT_SERVED;
            why = "not served through this Gateway";
        } else if (enforced != null) {
            state = ENFORCED;
            why = GatewayDuration.format(enforced) + " from " + effective.map(s -> s.origin().describe())
                    .orElse("the proxy config");
        } else if (effective.isPresent() && !effective.get().valid()) {
            state = INVALID;
            why = effective.get().value() + " from " + effective.get().origin().describe()
                    + " is invalid and not applied: the proxy sets no " + field + " timeout";
        } else if (effective.isPresent() && effective.get().disabled()) {
            state = DISABLED;
            why = "0s from " + effective.get().origin().describe() + " turns the " + field + " timeout off";
        } else {
            state = NONE;
            why = "neither the rule nor any TimeoutPolicy sets it: the proxy sets no " + field + " timeout";
        }
        out.put("enforced", enforced == null ? null : GatewayDuration.format(enforced)).put("state", state)
                .put("why", why);
        effective.ifPresent(setting -> {
            out.put("source", setting.origin().describe());
            if (!setting.origin().fromRule()) {
                String path = ReadJson.path(setting.origin().object(), index);
                if (path != null) {
                    out.put("link", path);
                }
            }
        });
        out.set("chain", chain(TimeoutChains.forField(index.snapshot().resources(), timeouts, field)));
        return out;
    }

    private ArrayNode backends(RuleView rule, RuleConfig served) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        if (rule == null) {
            return out;
        }
        for (BackendView backend : rule.backends()) {
            String name = backend.namespace() + "/" + backend.name()
                    + (backend.port() == null ? "" : ":" + backend.port());
            ObjectNode item = out.addObject().put("backend", name);
            if (backend.service() != null) {
                item.put("link", ReadJson.path(backend.service(), index));
            }
            WeightedBackend config = served == null ? null : served.backends().stream()
                    .filter(b -> b.backend().name().equals(name)).findFirst().orElse(null);
            if (config == null) {
                item.put("connection", NOT_SERVED);
            } else {
                UpstreamTls tls = config.backend().tls();
                String problem = config.backend().problem() != null ? config.backend().problem()
                        : tls == null ? null : tls.problem();
                item.put("connection", problem != null ? "fails" : tls == null ? "plain" : "tls");
                if (tls != null) {
                    item.put("sni", tls.sni()).put("systemCertificates", tls.useSystemCAs())
                            .put("caCertificates", tls.caPems().size());
                    ArrayNode sans = item.putArray("subjectAltNames");
                    tls.subjectAltNames().forEach(sans::add);
                }
                item.put("problem", problem);
            }
            item.set("chain", backend.service() == null || backend.port() == null ? ReadJson.JSON.arrayNode()
                    : chain(BackendTlsChain.forBackend(index.snapshot().resources(),
                    index.snapshot().computed().backendTls(), backend.service(), backend.port())));
        }
        return out;
    }

    private ArrayNode chain(List<ChainStep> steps) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        for (ChainStep step : steps) {
            ObjectNode item = out.addObject().put("source", step.source()).put("level", step.level())
                    .put("object", step.object().toString())
                    .put("target", step.target() == null ? null : step.target().toString())
                    .put("field", step.field()).put("value", step.value())
                    .put("winner", step.winner()).put("reason", step.reason());
            String path = ReadJson.path(step.object(), index);
            if (path != null) {
                item.put("link", path);
            }
        }
        return out;
    }

    /** The rule as the translated proxy config serves it under that Gateway (any listener: timeouts are per rule). */
    private Optional<RuleConfig> servedRule(ResourceKey route, String gateway, int rule) {
        var translation = index.snapshot().computed().translation();
        if (translation == null) {
            return Optional.empty();
        }
        for (GatewayConfig config : translation.config().gateways()) {
            if (!(config.namespace() + "/" + config.name()).equals(gateway)) {
                continue;
            }
            for (ListenerConfig listener : config.listeners()) {
                for (RouteConfig routeConfig : listener.routes()) {
                    if (routeConfig.namespace().equals(route.namespace())
                            && routeConfig.name().equals(route.name())) {
                        Optional<RuleConfig> found = routeConfig.rules().stream().filter(r -> r.index() == rule)
                                .findFirst();
                        if (found.isPresent()) {
                            return found;
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
