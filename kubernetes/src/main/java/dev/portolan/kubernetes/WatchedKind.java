package dev.portolan.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * One kind the store reads, in the one API version it reads it in (the API server converts between served
 * versions, so reading one version sees every object of the kind).
 */
public record WatchedKind(String group, String version, String kind, String plural, boolean namespaced)
        implements Comparable<WatchedKind> {

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The identity of a kind regardless of version: {@code HTTPRoute.gateway.networking.k8s.io}. */
    public String groupKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    public ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    @Override
    public int compareTo(WatchedKind other) {
        return (groupKind() + "/" + version).compareTo(other.groupKind() + "/" + other.version);
    }

    @Override
    public String toString() {
        return kind + " " + apiVersion();
    }
}
