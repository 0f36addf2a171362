package dev.portolan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.validation.PortolanCrds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Built-in CRDs are added unless the store has its own: whether the keys are read from the manifests or given by
 * the store, the result is the same.
 */
class BuiltInResourcesTest {

    @Test
    void aStoredCrdShadowsTheBuiltInOneAndTheOthersAreAdded() throws Exception {
        ObjectNode route = (ObjectNode) Manifests.YAML.readTree("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: a}
                """);
        ObjectNode ownCrd = PortolanCrds.all().get(0).deepCopy();
        ((ObjectNode) ownCrd.get("metadata")).putObject("labels").put("mine", "yes");
        for (List<ObjectNode> manifests : List.of(List.of(route), List.of(route, ownCrd))) {
            Set<ResourceKey> keys = new TreeSet<>();
            for (ObjectNode manifest : manifests) {
                keys.add(Manifests.keyOf(manifest));
            }
            List<ObjectNode> read = BuiltInResources.withBuiltIns(manifests);
            List<ObjectNode> given = BuiltInResources.withBuiltIns(manifests, keys);
            assertEquals(read.size(), given.size());
            for (int i = 0; i < read.size(); i++) {
                assertSame(read.get(i), given.get(i), "entry " + i);
            }
            List<ResourceKey> all = new ArrayList<>();
            given.forEach(m -> all.add(Manifests.keyOf(m)));
            assertEquals(all.size(), new TreeSet<>(all).size(), "no key twice");
            assertEquals(manifests.size() + PortolanCrds.all().size() - (manifests.contains(ownCrd) ? 1 : 0),
                    given.size());
        }
    }
}
