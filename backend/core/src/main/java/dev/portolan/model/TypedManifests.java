package dev.portolan.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;

/**
 * Maps a manifest to the Java type Portolan reads it as. Every served version of a Gateway API kind maps to the
 * v1 type (their fields are the same; BackendTLSPolicy v1alpha2 is rewritten first); kinds without a type become
 * {@link GenericObject}s.
 */
public final class TypedManifests {
    private TypedManifests() {
    }

    /**
     * Converts a manifest.
     *
     * @return a fabric8 object, or a {@link GenericObject}
     * @throws ManifestException naming the field at fault
     */
    public static Object toTyped(JsonNode manifest) {
        ResourceKey key = Manifests.keyOf(manifest);
        String apiVersion = manifest.get("apiVersion").asText();
        if (ApiGroups.GATEWAY.equals(key.group()) || ApiGroups.CORE.equals(key.group())
                || ApiGroups.DISCOVERY.equals(key.group())) {
            RequiredFields.check(key, apiVersion, manifest);
        }
        Object typed = switch (key.group()) {
            case ApiGroups.GATEWAY -> switch (key.kind()) {
                case ApiGroups.GATEWAY_CLASS -> Manifests.convert(manifest, GatewayClass.class);
                case ApiGroups.GATEWAY_KIND -> Manifests.convert(manifest, Gateway.class);
                case ApiGroups.HTTP_ROUTE -> Manifests.convert(manifest, HTTPRoute.class);
                case ApiGroups.REFERENCE_GRANT -> Manifests.convert(manifest, ReferenceGrant.class);
                case ApiGroups.BACKEND_TLS_POLICY -> BackendTlsPolicies.toV1(manifest);
                default -> null;
            };
            case ApiGroups.CORE -> switch (key.kind()) {
                case ApiGroups.NAMESPACE -> Manifests.convert(manifest, Namespace.class);
                case ApiGroups.SERVICE -> Manifests.convert(manifest, Service.class);
                case ApiGroups.CONFIG_MAP -> Manifests.convert(manifest, ConfigMap.class);
                case ApiGroups.SECRET -> Manifests.convert(manifest, Secret.class);
                default -> null;
            };
            case ApiGroups.DISCOVERY -> ApiGroups.ENDPOINT_SLICE.equals(key.kind())
                    ? Manifests.convert(manifest, EndpointSlice.class) : null;
            default -> null;
        };
        if (typed instanceof io.fabric8.kubernetes.api.model.HasMetadata hasMetadata
                && (hasMetadata.getMetadata().getNamespace() == null
                    || hasMetadata.getMetadata().getNamespace().isEmpty())
                && !key.isClusterScoped()) {
            hasMetadata.getMetadata().setNamespace(key.namespace());
        }
        if (typed != null) {
            return typed;
        }
        return new GenericObject(key, apiVersion, (ObjectNode) manifest.deepCopy());
    }
}
