package dev.portolan.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class PolicyMergerTest {
    private static final ResourceKey CLASS = ResourceKey.of(ApiGroups.GATEWAY, "GatewayClass", "", "gc");
    private static final ResourceKey GATEWAY = ResourceKey.of(ApiGroups.GATEWAY, "Gateway", "default", "gw");

    private static Policy policy(String name, String timestamp, String spec) throws Exception {
        ObjectNode object = Manifests.JSON.createObjectNode();
        object.put("kind", "HealthCheckPolicy").put("group", "foo.com").put("name", name).put("namespace", "default")
                .put("inheritable", true);
        if (timestamp != null) {
            object.put("creationTimestamp", timestamp);
        }
        object.set("spec", Manifests.JSON.readTree(spec.replace('\'', '"')));
        return GwctlVectors.policy(object);
    }

    private static MergedPolicy at(Policy policy, PolicyLevel level, ResourceKey target) {
        return MergedPolicy.of(policy, level, target);
    }

    @Test
    void olderPolicyWinsOnOneLevelAndLoserOverridesAreReapplied() throws Exception {
        Policy newer = policy("a-newer", "T", "{'default':{'k':'newer'},'override':{'o':'newer'}}");
        Policy older = policy("z-older", "T-1h", "{'default':{'k':'older'},'override':{'o':'older'}}");
        MergedPolicy merged = PolicyMerger.mergeSameLevel(
                List.of(at(newer, PolicyLevel.GATEWAY, GATEWAY), at(older, PolicyLevel.GATEWAY, GATEWAY)))
                .get("HealthCheckPolicy.foo.com");
        assertEquals("z-older", merged.name(), "older creationTimestamp wins despite its name");
        assertEquals("older", merged.effectiveSpec().path("k").asText(), "winner's default");
        assertEquals("newer", merged.effectiveSpec().path("o").asText(), "loser acts as parent: its override wins");
        assertEquals(newer.key(), merged.effectiveValues().get("o").policy());
        assertEquals(older.key(), merged.effectiveValues().get("k").policy());
    }

    @Test
    void equalTimestampsFallBackToSmallerNamespacedName() throws Exception {
        Policy b = policy("b", null, "{'default':{'k':'b'}}");
        Policy a = policy("a", null, "{'default':{'k':'a'}}");
        MergedPolicy merged = PolicyMerger.mergeSameLevel(
                List.of(at(b, PolicyLevel.GATEWAY, GATEWAY), at(a, PolicyLevel.GATEWAY, GATEWAY)))
                .get("HealthCheckPolicy.foo.com");
        assertEquals("a", merged.name());
        assertEquals("a", merged.effectiveSpec().path("k").asText());
    }

    @Test
    void provenanceNamesPolicyLevelTargetAndSection() throws Exception {
        Policy parent = policy("on-class", null, "{'default':{'d':'parent','x':'parent'},'override':{'o':'parent'}}");
        Policy child = policy("on-gateway", null, "{'default':{'d':'child'},'override':{'o':'child','c':'child'}}");
        MergedPolicy merged = PolicyMerger.merge(at(parent, PolicyLevel.GATEWAY_CLASS, CLASS),
                at(child, PolicyLevel.GATEWAY, GATEWAY));
        SortedMap<String, EffectiveValue> values = merged.effectiveValues();
        assertEquals(List.of("c", "d", "o", "x"), List.copyOf(values.keySet()));

        EffectiveValue d = values.get("d");
        assertEquals("child", d.value().asText());
        assertEquals(child.key(), d.policy());
        assertEquals(PolicyLevel.GATEWAY, d.level());
        assertEquals(GATEWAY, d.target());
        assertFalse(d.override());

        EffectiveValue o = values.get("o");
        assertEquals("parent", o.value().asText(), "parent override beats child override");
        assertEquals(parent.key(), o.policy());
        assertEquals(PolicyLevel.GATEWAY_CLASS, o.level());
        assertEquals(CLASS, o.target());
        assertTrue(o.override());

        assertEquals(parent.key(), values.get("x").policy());
        assertEquals(child.key(), values.get("c").policy());
        assertTrue(values.get("c").override());
    }

    @Test
    void parentOverrideBeatsChildDefaultAndNullDeletes() throws Exception {
        Policy parent = policy("p", null, "{'default':{'gone':'p'},'override':{'k':'p'}}");
        Policy child = policy("c", null, "{'default':{'k':'c','gone':null}}");
        MergedPolicy merged = PolicyMerger.merge(at(parent, PolicyLevel.GATEWAY_CLASS, CLASS),
                at(child, PolicyLevel.GATEWAY, GATEWAY));
        JsonNode spec = merged.effectiveSpec();
        assertEquals("p", spec.path("k").asText());
        assertFalse(spec.has("gone"));
        assertTrue(merged.effectiveValues().get("k").override());
        assertFalse(merged.sources().containsKey("default.gone"));
    }

    @Test
    void refusesToMergeDifferentKinds() throws Exception {
        Policy health = policy("h", null, "{}");
        ObjectNode timeout = Manifests.JSON.createObjectNode().put("kind", "TimeoutPolicy").put("group", "bar.com")
                .put("name", "t").put("inheritable", true);
        timeout.putObject("spec");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyMerger.merge(
                at(health, PolicyLevel.GATEWAY, GATEWAY), at(GwctlVectors.policy(timeout), PolicyLevel.GATEWAY, GATEWAY)));
        assertTrue(e.getMessage().contains("HealthCheckPolicy.foo.com"), e.getMessage());
    }
}
