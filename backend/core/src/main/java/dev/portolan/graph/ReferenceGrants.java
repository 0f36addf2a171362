package dev.portolan.graph;

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
            if (!toNamespace.equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
                continue;
            }
            if (anyFrom(grant.getSpec().getFrom(), fromGroup, fromKind, fromNamespace)
                    && anyTo(grant.getSpec().getTo(), toGroup, toKind, toName)) {
                return true;
            }
        }
        return false;
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
