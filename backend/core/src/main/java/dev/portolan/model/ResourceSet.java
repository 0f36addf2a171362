package dev.portolan.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the graph reads, typed and sorted by identity: the input of {@code GraphBuilder}. Built once per store
 * revision; never mutated. Objects that fail conversion are listed in {@link #problems()} and left out.
 */
public final class ResourceSet {
    /** A manifest that could not be read as its type. */
    public record Problem(ResourceKey key, String field, String reason) {
    }

    private final List<GatewayClass> gatewayClasses = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<HTTPRoute> httpRoutes = new ArrayList<>();
    private final List<ReferenceGrant> referenceGrants = new ArrayList<>();
    private final List<BackendTLSPolicy> backendTlsPolicies = new ArrayList<>();
    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<EndpointSlice> endpointSlices = new ArrayList<>();
    private final List<ConfigMap> configMaps = new ArrayList<>();
    private final List<Secret> secrets = new ArrayList<>();
    private final List<GenericObject> customResourceDefinitions = new ArrayList<>();
    private final List<GenericObject> otherObjects = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<ResourceKey, Object> byKey = new HashMap<>();

    private ResourceSet() {
    }

    /** Reads manifests (each a full object tree with metadata; status is ignored). */
    public static ResourceSet of(Collection<? extends JsonNode> manifests) {
        return of(manifests, new TypedCache());
    }

    /** Like {@link #of(Collection)}, converting only manifests the cache has not seen in the last set. */
    public static ResourceSet of(Collection<? extends JsonNode> manifests, TypedCache cache) {
        ResourceSet set = new ResourceSet();
        for (JsonNode manifest : manifests) {
            ResourceKey key;
            try {
                key = cache.keyOf(manifest);
            } catch (ManifestException e) {
                set.problems.add(new Problem(null, e.field(), e.reason()));
                continue;
            }
            TypedCache.Converted converted = cache.convert(key, manifest);
            if (converted.problem() == null) {
                set.add(key, converted.typed());
            } else {
                set.problems.add(new Problem(key, converted.problem().field(), converted.problem().reason()));
            }
        }
        cache.finish();
        set.sortAll();
        return set;
    }

    private void add(ResourceKey key, Object typed) {
        byKey.put(key, typed);
        if (typed instanceof GatewayClass o) {
            gatewayClasses.add(o);
        } else if (typed instanceof Gateway o) {
            gateways.add(o);
        } else if (typed instanceof HTTPRoute o) {
            httpRoutes.add(o);
        } else if (typed instanceof ReferenceGrant o) {
            referenceGrants.add(o);
        } else if (typed instanceof BackendTLSPolicy o) {
            backendTlsPolicies.add(o);
        } else if (typed instanceof Namespace o) {
            namespaces.add(o);
        } else if (typed instanceof Service o) {
            services.add(o);
        } else if (typed instanceof EndpointSlice o) {
            endpointSlices.add(o);
        } else if (typed instanceof ConfigMap o) {
            configMaps.add(o);
        } else if (typed instanceof Secret o) {
            secrets.add(o);
        } else if (typed instanceof GenericObject o) {
            if (o.key().group().equals(ApiGroups.APIEXTENSIONS) && o.key().kind().equals(ApiGroups.CRD)) {
                customResourceDefinitions.add(o);
            } else {
                otherObjects.add(o);
            }
        }
    }

    private void sortAll() {
        Comparator<HasMetadata> byName = Comparator
                .comparing((HasMetadata o) -> nullToEmpty(o.getMetadata().getNamespace()))
                .thenComparing(o -> o.getMetadata().getName());
        gatewayClasses.sort(byName);
        gateways.sort(byName);
        httpRoutes.sort(byName);
        referenceGrants.sort(byName);
        backendTlsPolicies.sort(byName);
        namespaces.sort(byName);
        services.sort(byName);
        endpointSlices.sort(byName);
        configMaps.sort(byName);
        secrets.sort(byName);
        customResourceDefinitions.sort(Comparator.comparing(GenericObject::key));
        otherObjects.sort(Comparator.comparing(GenericObject::key));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Any object by identity (typed, or {@link GenericObject}). */
    public Optional<Object> get(ResourceKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** A typed object by identity, if present and of that type. */
    public <T> Optional<T> get(ResourceKey key, Class<T> type) {
        Object o = byKey.get(key);
        return type.isInstance(o) ? Optional.of(type.cast(o)) : Optional.empty();
    }

    /** Every object but the HTTPRoutes, in a fixed order (kind, then identity): what a route's graph view may read. */
    public List<Object> allButHttpRoutes() {
        List<Object> all = new ArrayList<>(byKey.size() - httpRoutes.size() + problems.size());
        all.addAll(gatewayClasses);
        all.addAll(gateways);
        all.addAll(referenceGrants);
        all.addAll(backendTlsPolicies);
        all.addAll(namespaces);
        all.addAll(services);
        all.addAll(endpointSlices);
        all.addAll(configMaps);
        all.addAll(secrets);
        all.addAll(customResourceDefinitions);
        all.addAll(otherObjects);
        return all;
    }

    public List<GatewayClass> gatewayClasses() {
        return Collections.unmodifiableList(gatewayClasses);
    }

    public List<Gateway> gateways() {
        return Collections.unmodifiableList(gateways);
    }

    public List<HTTPRoute> httpRoutes() {
        return Collections.unmodifiableList(httpRoutes);
    }

    public List<ReferenceGrant> referenceGrants() {
        return Collections.unmodifiableList(referenceGrants);
    }

    /** All BackendTLSPolicies, whatever version they were written in, as v1 objects. */
    public List<BackendTLSPolicy> backendTlsPolicies() {
        return Collections.unmodifiableList(backendTlsPolicies);
    }

    public List<Namespace> namespaces() {
        return Collections.unmodifiableList(namespaces);
    }

    public List<Service> services() {
        return Collections.unmodifiableList(services);
    }

    public List<EndpointSlice> endpointSlices() {
        return Collections.unmodifiableList(endpointSlices);
    }

    public List<ConfigMap> configMaps() {
        return Collections.unmodifiableList(configMaps);
    }

    public List<Secret> secrets() {
        return Collections.unmodifiableList(secrets);
    }

    public List<GenericObject> customResourceDefinitions() {
        return Collections.unmodifiableList(customResourceDefinitions);
    }

    /** Instances of kinds without a Java type: third-party policies, Portolan's TimeoutPolicy, anything else. */
    public List<GenericObject> otherObjects() {
        return Collections.unmodifiableList(otherObjects);
    }

    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }
}
