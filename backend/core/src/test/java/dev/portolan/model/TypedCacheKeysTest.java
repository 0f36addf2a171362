package dev.portolan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys remembered by manifest tree give what reading the manifest gives, across rebuilds: unchanged trees, new
 * trees for the same object, trees that change key, and malformed manifests (which fail each time, as reading does).
 */
class TypedCacheKeysTest {

    @Test
    void rememberedKeysAreTheKeysTheManifestsHave() throws Exception {
        TypedCache cache = new TypedCache();
        List<ObjectNode> manifests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            manifests.add(route("r" + i, i % 2 == 0 ? "a" : null));
        }
        manifests.add((ObjectNode) Manifests.YAML.readTree("{apiVersion: v1, kind: Namespace, metadata: {name: a}}"));
        for (int rebuild = 0; rebuild < 4; rebuild++) {
            ResourceSet set = ResourceSet.of(manifests, cache);
            for (ObjectNode manifest : manifests) {
                assertEquals(Manifests.keyOf(manifest), cache.keyOf(manifest), "rebuild " + rebuild);
                assertTrue(set.get(cache.keyOf(manifest)).isPresent(), "rebuild " + rebuild + ": in the set");
            }
            manifests.set(rebuild, route("renamed-" + rebuild, "b")); // a new tree with another key
        }
        ObjectNode unchanged = manifests.get(4);
        ResourceSet.of(manifests, cache);
        ResourceSet.of(List.of(), cache); // a rebuild without it: the cache forgets it, reading gives it again
        ResourceSet.of(List.of(), cache);
        assertEquals(Manifests.keyOf(unchanged), cache.keyOf(unchanged));
    }

    @Test
    void aMalformedManifestFailsEveryTime() throws Exception {
        TypedCache cache = new TypedCache();
        ObjectNode noName = (ObjectNode) Manifests.YAML.readTree("{apiVersion: v1, kind: Namespace, metadata: {}}");
        ManifestException first = assertThrows(ManifestException.class, () -> cache.keyOf(noName));
        ManifestException again = assertThrows(ManifestException.class, () -> cache.keyOf(noName));
        assertEquals(first.field(), again.field());
        ResourceSet set = ResourceSet.of(List.of(noName), cache);
        assertEquals(1, set.problems().size());
    }

    private static ObjectNode route(String name, String namespace) throws Exception {
        return (ObjectNode) Manifests.YAML.readTree("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s%s}
                spec: {parentRefs: [{name: gw}]}
                """.formatted(name, namespace == null ? "" : ", namespace: " + namespace));
    }
}
