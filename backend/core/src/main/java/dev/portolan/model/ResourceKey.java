package dev.portolan.model;

import java.util.Objects;

/**
 * Identity of a Kubernetes object: API group (without version), kind, namespace and name.
 * Cluster-scoped objects have an empty namespace. The core group is the empty string.
 */
public record ResourceKey(String group, String kind, String namespace, String name) implements Comparable<ResourceKey> {

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
        // group, kind, namespace, name; written out (not a Comparator chain) because sorted maps of thousands of
        // keys are walked on every change, and most keys share their group and kind (often the very same String)
        if (this == other) {
            return 0;
        }
        int order = compare(group, other.group);
        if (order == 0) {
            order = compare(kind, other.kind);
        }
        if (order == 0) {
            order = compare(namespace, other.namespace);
        }
        return order != 0 ? order : compare(name, other.name);
    }

    private static int compare(String a, String b) {
        return a == b ? 0 : a.compareTo(b);
    }

    @Override
    public String toString() {
        return kind + "/" + namespacedName();
    }
}
