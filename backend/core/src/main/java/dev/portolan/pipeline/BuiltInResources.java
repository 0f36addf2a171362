package dev.portolan.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.validation.PortolanCrds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Objects Portolan knows without being told: the CRDs of its own policy kinds (the files in {@code deploy/crds},
 * packaged as resources). A manifest of the same CRD in the store wins over the built-in one.
 */
public final class BuiltInResources {
    private static final List<ObjectNode> CRDS = PortolanCrds.all();
    private static final List<ResourceKey> CRD_KEY_LIST = CRDS.stream().map(Manifests::keyOf).toList();
    private static final Set<ResourceKey> CRD_KEYS = Set.copyOf(CRD_KEY_LIST);
    private static final String CRD_KIND = ApiGroups.CRD;

    private BuiltInResources() {
    }

    /** Whether {@code key} names a built-in object (which a manifest of the same key replaces). */
    public static boolean isBuiltIn(ResourceKey key) {
        return CRD_KEYS.contains(key);
    }

    /** The manifests plus every built-in object they do not define themselves. */
    public static List<ObjectNode> withBuiltIns(Collection<ObjectNode> manifests) {
        return withBuiltIns(manifests, Manifests::keyOf);
    }

    /**
     * {@link #withBuiltIns(Collection)} for manifests whose keys the caller already holds (a store snapshot's): no
     * manifest is read, which matters at thousands of objects per rebuild.
     */
    public static List<ObjectNode> withBuiltIns(Collection<ObjectNode> manifests, Set<ResourceKey> keys) {
        List<ObjectNode> out = new ArrayList<>(manifests.size() + CRDS.size());
        out.addAll(manifests);
        for (int i = 0; i < CRDS.size(); i++) {
            if (!keys.contains(CRD_KEY_LIST.get(i))) {
                out.add(CRDS.get(i));
            }
        }
        return out;
    }

    /** {@link #withBuiltIns(Collection)} reading keys through {@code keyOf} (a cache of the last rebuild's). */
    public static List<ObjectNode> withBuiltIns(Collection<ObjectNode> manifests,
                                                Function<ObjectNode, ResourceKey> keyOf) {
        Set<ResourceKey> shadowed = new HashSet<>();
        for (ObjectNode manifest : manifests) {
            // only a CRD can shadow a built-in: the others are not read for their key at all
            if (!CRD_KIND.equals(manifest.path("kind").textValue())) {
                continue;
            }
            try {
                ResourceKey key = keyOf.apply(manifest);
                if (CRD_KEYS.contains(key)) {
                    shadowed.add(key);
                }
            } catch (RuntimeException e) {
                // malformed manifests are reported by the store; they cannot shadow a built-in
            }
        }
        List<ObjectNode> out = new ArrayList<>(manifests.size() + CRDS.size());
        out.addAll(manifests);
        for (int i = 0; i < CRDS.size(); i++) {
            if (!shadowed.contains(CRD_KEY_LIST.get(i))) {
                out.add(CRDS.get(i));
            }
        }
        return out;
    }

}
