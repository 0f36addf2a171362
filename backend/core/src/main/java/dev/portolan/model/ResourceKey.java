package dev.portolan.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identity of a Kubernetes object: API group (without version), kind, namespace and name.
 * Cluster-scoped objects have an empty namespace. The core group is the empty string.
 */
public record ResourceKey(String group, String kind, String namespace, String name) implements Comparable<ResourceKey> {

    private static final Comparator<ResourceKey> ORDER = Comparator
            .comparing(ResourceKey::group)
            .thenComparing(ResourceKey::kind)
            .thenComparing(ResourceKey::namespace)
            .thenComparing(ResourceKey::name);

    public ResourceKey {
        group = group == null ? "" : group;
        Objects.requireNonNull(kind, "kind");
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(name, "name");
    }

    public static ResourceKey of(String group, String kind, String namespace, String name) {
        return new ResourceKey(group, kind, namespace, name);
    }

    public boolean isClusterScoped() {
        return namespace.isEmpty();
    }

    /** {@code namespace/name}, or {@code name} for cluster-scoped objects. */
    public String namespacedName() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** {@code Kind.group}, or {@code Kind} for the core group, as gwctl prints policy kinds. */
    public String groupKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    @Override
    public int compareTo(ResourceKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind + "/" + namespacedName();
    }
}
