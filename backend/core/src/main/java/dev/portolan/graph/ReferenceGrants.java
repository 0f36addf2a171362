package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantTo;
import java.util.List;
import java.util.Objects;

/** Cross-namespace reference permission (GEP-709): a ReferenceGrant in the target's namespace must allow it. */
public final class ReferenceGrants {
    private ReferenceGrants() {
    }

    /**
     * Whether an object of {@code fromGroup/fromKind} in {@code fromNamespace} may refer to
     * {@code toGroup/toKind toNamespace/toName}. References within one namespace are always permitted. Groups are
     * compared with null and "" both meaning the core group.
     */
    public static boolean permits(ResourceSet resources, String fromGroup, String fromKind, String fromNamespace,
                                  String toGroup, String toKind, String toNamespace, String toName) {
        if (Objects.equals(fromNamespace, toNamespace)) {
            return true;
        }
        for (ReferenceGrant grant : resources.referenceGrants()) {
            if (admits(grant, fromGroup, fromKind, fromNamespace, toGroup, toKind, toNamespace, toName)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this one grant admits {@code from}'s reference to {@code to} (keys' groups, kinds and namespaces). */
    public static boolean admits(ReferenceGrant grant, ResourceKey from, ResourceKey to) {
        return admits(grant, from.group(), from.kind(), from.namespace(), to.group(), to.kind(), to.namespace(),
                to.name());
    }

    /** Whether the grant lives in {@code target}'s namespace and a {@code to} entry names it or its whole kind. */
    public static boolean namesTarget(ReferenceGrant grant, ResourceKey target) {
        return target.namespace().equals(grant.getMetadata().getNamespace()) && grant.getSpec() != null
                && anyTo(grant.getSpec().getTo(), target.group(), target.kind(), target.name());
    }

    private static boolean admits(ReferenceGrant grant, String fromGroup, String fromKind, String fromNamespace,
                                  String toGroup, String toKind, String toNamespace, String toName) {
        return toNamespace.equals(grant.getMetadata().getNamespace()) && grant.getSpec() != null
                && anyFrom(grant.getSpec().getFrom(), fromGroup, fromKind, fromNamespace)
                && anyTo(grant.getSpec().getTo(), toGroup, toKind, toName);
    }

    private static boolean anyFrom(List<ReferenceGrantFrom> froms, String group, String kind, String namespace) {
        if (froms == null) {
            return false;
        }
        return froms.stream().anyMatch(f -> sameGroup(f.getGroup(), group)
                && Objects.equals(f.getKind(), kind) && Objects.equals(f.getNamespace(), namespace));
    }

    private static boolean anyTo(List<ReferenceGrantTo> tos, String group, String kind, String name) {
        if (tos == null) {
            return false;
        }
        return tos.stream().anyMatch(t -> sameGroup(t.getGroup(), group) && Objects.equals(t.getKind(), kind)
                && (t.getName() == null || t.getName().isEmpty() || t.getName().equals(name)));
    }

    private static boolean sameGroup(String a, String b) {
        return (a == null ? "" : a).equals(b == null ? "" : b);
    }
}
