package dev.portolan.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.backendtls.BackendTlsResult;
import dev.portolan.graph.backendtls.CaCertificateBundle;
import dev.portolan.graph.backendtls.EffectiveBackendTls;
import dev.portolan.graph.backendtls.PolicyTarget;
import dev.portolan.graph.backendtls.SubjectAltNameMatch;
import dev.portolan.policy.EffectivePolicy;
import dev.portolan.policy.EffectiveValue;
import dev.portolan.policy.InheritedPolicy;
import dev.portolan.policy.ObjectPolicies;
import dev.portolan.policy.PolicyCrd;
import dev.portolan.policy.PolicyInfo;
import dev.portolan.policy.PolicyReport;
import dev.portolan.policy.EffectiveRuleTimeouts;
import dev.portolan.policy.TargetStatus;
import dev.portolan.policy.TimeoutSetting;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Effective policies, effective timeouts and effective backend TLS as one JSON document, each value with its
 * provenance. Used for golden files and the summary; the REST API describes objects from the same data.
 */
public final class EffectiveReport {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EffectiveReport() {
    }

    public static ObjectNode of(ComputedState state) {
        ObjectNode out = JSON.objectNode();
        out.set("policyCrds", policyCrds(state.policies()));
        out.set("policies", policies(state.policies()));
        out.set("objects", objects(state.policies()));
        out.set("timeouts", timeouts(state.policies()));
        out.set("backendTls", backendTls(state.backendTls()));
        return out;
    }

    private static ArrayNode policyCrds(PolicyReport report) {
        ArrayNode out = JSON.arrayNode();
        for (PolicyCrd crd : report.policyCrds()) {
            out.addObject().put("name", crd.name()).put("kind", crd.groupKind()).put("type", crd.policyType())
                    .put("scope", crd.namespaced() ? "Namespaced" : "Cluster");
        }
        return out;
    }

    private static ArrayNode policies(PolicyReport report) {
        ArrayNode out = JSON.arrayNode();
        for (PolicyInfo policy : report.policies()) {
            ObjectNode item = out.addObject().put("policy", policy.policy().toString())
                    .put("kind", policy.groupKind()).put("inheritable", policy.inheritable());
            ArrayNode targets = item.putArray("targets");
            for (TargetStatus target : policy.targets()) {
                targets.addObject().put("target", target.target().key().toString()).put("exists", target.exists());
            }
        }
        return out;
    }

    /** Only objects that have something attached, inherited or effective. */
    private static ObjectNode objects(PolicyReport report) {
        ObjectNode out = JSON.objectNode();
        for (ObjectPolicies object : report.objects().values()) {
            if (object.directlyAttached().isEmpty() && object.inherited().isEmpty() && object.effective().isEmpty()
                    && object.effectiveByGateway().values().stream().allMatch(Map::isEmpty)) {
                continue;
            }
            ObjectNode item = out.putObject(object.object().toString());
            ArrayNode direct = item.putArray("directlyAttached");
            object.directlyAttached().forEach(key -> direct.add(key.toString()));
            ArrayNode inherited = item.putArray("inherited");
            for (InheritedPolicy policy : object.inherited()) {
                inherited.addObject().put("kind", policy.groupKind()).put("policy", policy.policy().toString())
                        .put("level", policy.level().displayName())
                        .put("target", policy.targetKind() + " " + policy.targetName());
            }
            if (!object.effective().isEmpty()) {
                item.set("effective", effective(object.effective()));
            }
            if (!object.effectiveByGateway().isEmpty()) {
                ObjectNode byGateway = item.putObject("effectiveByGateway");
                object.effectiveByGateway().forEach((gateway, policies) ->
                        byGateway.set(gateway, effective(policies)));
            }
        }
        return out;
    }

    private static ObjectNode effective(SortedMap<String, EffectivePolicy> policies) {
        ObjectNode out = JSON.objectNode();
        policies.forEach((kind, policy) -> {
            ObjectNode item = out.putObject(kind);
            item.set("spec", policy.spec());
            ObjectNode provenance = item.putObject("provenance");
            policy.values().forEach((field, value) -> provenance.put(field, describe(value)));
        });
        return out;
    }

    private static String describe(EffectiveValue value) {
        return (value.override() ? "override" : "default") + " of " + value.policy() + " at "
                + value.level().displayName() + (value.target() == null ? "" : " " + value.target().namespacedName());
    }

    private static ArrayNode timeouts(PolicyReport report) {
        ArrayNode out = JSON.arrayNode();
        for (EffectiveRuleTimeouts rule : report.timeouts()) {
            ObjectNode item = out.addObject().put("route", rule.route().toString()).put("rule", rule.rule())
                    .put("gateway", rule.gateway());
            timeout(item, "request", rule.request());
            timeout(item, "backendRequest", rule.backendRequest());
            ArrayNode errors = item.putArray("errors");
            rule.errors().forEach(errors::add);
        }
        return out;
    }

    private static void timeout(ObjectNode parent, String name, Optional<TimeoutSetting> setting) {
        setting.ifPresent(value -> parent.putObject(name).put("value", value.value())
                .put("source", value.origin().describe()));
    }

    private static ArrayNode backendTls(BackendTlsResult result) {
        ArrayNode out = JSON.arrayNode();
        for (Map.Entry<PolicyTarget, EffectiveBackendTls> entry : result.effective().entrySet()) {
            EffectiveBackendTls tls = entry.getValue();
            ObjectNode item = out.addObject().put("backend", entry.getKey().toString())
                    .put("policy", tls.policy().toString()).put("hostname", tls.hostname())
                    .put("systemCertificates", tls.useSystemCAs());
            ArrayNode cas = item.putArray("caCertificates");
            for (CaCertificateBundle bundle : tls.caCertificates()) {
                cas.addObject().put("configMap", bundle.configMap().toString()).put("key", bundle.dataKey())
                        .put("certificates", bundle.certificateCount());
            }
            ArrayNode sans = item.putArray("subjectAltNames");
            for (SubjectAltNameMatch san : tls.subjectAltNames()) {
                sans.add(san.type() + ":" + san.value());
            }
            item.put("valid", tls.valid());
            if (tls.problem() != null && !tls.problem().isEmpty()) {
                item.put("problem", tls.problem());
            }
        }
        return out;
    }
}
