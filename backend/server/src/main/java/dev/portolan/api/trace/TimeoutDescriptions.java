package dev.portolan.api.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.PolicyReport;
import dev.portolan.policy.EffectiveRuleTimeouts;
import dev.portolan.policy.TimeoutSetting;
import dev.portolan.proxy.config.TimeoutsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Effective timeouts of the matched rule: the values the proxy enforces, with provenance from the policy report. */
final class TimeoutDescriptions {
    private TimeoutDescriptions() {
    }

    static ObjectNode describe(TimeoutsConfig config, ResourceKey route, String gateway, int rule,
                               PolicyReport policies, List<String> steps) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Optional<EffectiveRuleTimeouts> report = policies.timeouts(route, gateway, rule);
        field(out, "request", config == null ? null : config.request(),
                report.flatMap(EffectiveRuleTimeouts::request), steps);
        field(out, "backendRequest", config == null ? null : config.backendRequest(),
                report.flatMap(EffectiveRuleTimeouts::backendRequest), steps);
        ArrayNode errors = out.putArray("errors");
        report.ifPresent(r -> r.errors().forEach(errors::add));
        return out;
    }

    private static void field(ObjectNode out, String name, Duration enforced, Optional<TimeoutSetting> setting,
                              List<String> steps) {
        ObjectNode f = out.putObject(name);
        boolean on = enforced != null && !enforced.isZero();
        f.put("enforced", on);
        if (enforced != null) {
            f.put("duration", enforced.toString());
        }
        setting.ifPresent(s -> {
            f.put("value", s.value());
            f.put("source", s.origin().describe());
            f.put("override", s.origin().override());
        });
        String value = setting.map(TimeoutSetting::value).orElse(enforced == null ? null : enforced.toString());
        if (!on) {
            steps.add(name + " timeout: none" + (enforced != null ? " (0s disables it)" : "")
                    + setting.map(s -> " - set by " + s.origin().describe()).orElse(""));
        } else {
            steps.add(name + " timeout " + value + setting.map(s -> " from " + s.origin().describe()).orElse("")
                    + (name.equals("request") ? " (bounds the whole exchange; expiry answers 504)"
                            : " (bounds each upstream attempt; expiry answers 504)"));
        }
    }
}
