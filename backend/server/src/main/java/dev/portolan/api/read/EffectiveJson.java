package dev.portolan.api.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.backendtls.CaCertificateBundle;
import dev.portolan.graph.backendtls.EffectiveBackendTls;
import dev.portolan.graph.backendtls.SubjectAltNameMatch;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.EffectivePolicy;
import dev.portolan.policy.EffectiveValue;
import dev.portolan.policy.InheritedPolicy;
import dev.portolan.policy.ObjectPolicies;
import dev.portolan.policy.EffectiveRuleTimeouts;
import dev.portolan.policy.TimeoutOrigin;
import dev.portolan.policy.TimeoutSetting;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/** Inherited and effective policies, effective timeouts and backend TLS, each value with its provenance. */
final class EffectiveJson {
    private final ReadIndex index;

    EffectiveJson(ReadIndex index) {
        this.index = index;
    }

    ArrayNode inherited(Optional<ObjectPolicies> policies) {
        ArrayNode out = ReadJson.JSON.arrayNode();
        for (InheritedPolicy policy : policies.map(ObjectPolicies::inherited).orElse(List.of())) {
            ObjectNode item = out.addObject().put("kind", policy.groupKind());
            if (!policy.policy().namespace().isEmpty()) {
                item.put("namespace", policy.policy().namespace());
            }
            item.put("name", policy.policy().name()).put("level", policy.level().displayName())
                    .put("targetKind", policy.targetKind()).put("targetName", policy.targetName());
            link(item, policy.policy());
        }
        return out;
    }

    /** {@code {Kind.group: {spec, provenance: {field: {value, policy, level, target, override}}}}}. */
    ObjectNode effective(SortedMap<String, EffectivePolicy> policies) {
        ObjectNode out = ReadJson.JSON.objectNode();
        policies.forEach((kind, policy) -> {
            ObjectNode item = out.putObject(kind);
            item.set("spec", policy.spec().deepCopy());
            ObjectNode provenance = item.putObject("provenance");
            policy.values().forEach((field, value) -> provenance.set(field, provenance(value)));
        });
        return out;
    }

    ObjectNode effectiveByGateway(Optional<ObjectPolicies> policies) {
        ObjectNode out = ReadJson.JSON.objectNode();
        policies.ifPresent(p -> p.effectiveByGateway().forEach((gateway, byKind) -> out.set(gateway,
                effective(byKind))));
        return out;
    }

    private ObjectNode provenance(EffectiveValue value) {
        ObjectNode out = ReadJson.JSON.objectNode();
        // always a string in the contract (PolicyProvenance.value): a value that is no string is its JSON text;
        // spec has it as the policy spells it
        out.put("value", value.value() == null || value.value().isNull() ? null
                : value.value().isTextual() ? value.value().asText() : value.value().toString());
        out.put("policy", value.policy().groupKind() + "/" + value.policy().namespacedName())
                .put("level", value.level().displayName())
                .put("target", value.target() == null ? null : value.target().kind() + "/"
                        + value.target().namespacedName())
                .put("override", value.override());
        link(out, value.policy());
        return out;
    }

    /** {@code {"<ns>/<gateway>": [{rule, request, backendRequest, valid, errors}]}}. */
    ObjectNode timeouts(ResourceKey route) {
        ObjectNode out = ReadJson.JSON.objectNode();
        for (EffectiveRuleTimeouts rule : index.timeouts(route)) {
            ArrayNode rules = out.has(rule.gateway()) ? (ArrayNode) out.get(rule.gateway())
                    : out.putArray(rule.gateway());
            ObjectNode item = rules.addObject().put("rule", rule.rule());
            timeout(item, "request", rule.request());
            timeout(item, "backendRequest", rule.backendRequest());
            item.put("valid", rule.valid());
            ArrayNode errors = item.putArray("errors");
            rule.errors().forEach(errors::add);
        }
        return out;
    }

    private void timeout(ObjectNode parent, String name, Optional<TimeoutSetting> setting) {
        if (setting.isEmpty()) {
            parent.putNull(name);
            return;
        }
        TimeoutSetting value = setting.get();
        TimeoutOrigin origin = value.origin();
        ObjectNode item = parent.putObject(name).put("value", value.value())
                .put("disabled", value.disabled()).put("source", origin.describe())
                .put("from", origin.fromRule() ? "rule" : "policy")
                .put("object", origin.object().toString()).put("field", origin.field());
        if (!origin.fromRule()) {
            item.put("level", origin.level().displayName()).put("override", origin.override());
            if (origin.target() != null) {
                item.put("target", origin.target().kind() + "/" + origin.target().namespacedName());
            }
            link(item, origin.object());
        }
    }

    /** How Portolan connects to one Service port: the winning BackendTLSPolicy, or plain HTTP. */
    ObjectNode backendTls(int port, String portName, Optional<EffectiveBackendTls> tls) {
        ObjectNode out = ReadJson.JSON.objectNode().put("port", port).put("portName", portName);
        if (tls.isEmpty()) {
            out.put("tls", false);
            return out;
        }
        EffectiveBackendTls effective = tls.get();
        out.put("tls", true).put("policy", effective.policy().toString()).put("hostname", effective.hostname())
                .put("systemCertificates", effective.useSystemCAs());
        link(out, effective.policy());
        ArrayNode cas = out.putArray("caCertificates");
        for (CaCertificateBundle bundle : effective.caCertificates()) {
            cas.addObject().put("configMap", bundle.configMap().namespacedName()).put("key", bundle.dataKey())
                    .put("certificates", bundle.certificateCount());
        }
        ArrayNode sans = out.putArray("subjectAltNames");
        for (SubjectAltNameMatch san : effective.subjectAltNames()) {
            sans.addObject().put("type", san.type()).put("value", san.value());
        }
        out.put("valid", effective.valid()).put("problem", effective.problem());
        return out;
    }

    private void link(ObjectNode item, ResourceKey policy) {
        String path = ReadJson.path(policy, index);
        if (path != null) {
            item.put("link", path);
        }
    }
}
