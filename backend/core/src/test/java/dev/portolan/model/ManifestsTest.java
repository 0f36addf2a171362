package dev.portolan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    private static JsonNode yaml(String text) throws Exception {
        return Manifests.YAML.readTree(text);
    }

    @Test
    void namespacedKindsDefaultToTheDefaultNamespaceAndClusterScopedOnesHaveNone() throws Exception {
        assertEquals(ResourceKey.of(ApiGroups.GATEWAY, "HTTPRoute", "default", "r"), Manifests.keyOf(yaml("""
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: HTTPRoute
                metadata: {name: r}
                """)));
        assertEquals(ResourceKey.of(ApiGroups.GATEWAY, "GatewayClass", "", "c"), Manifests.keyOf(yaml("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: c, namespace: ignored}
                """)));
    }

    @Test
    void missingIdentityFieldsAreNamed() throws Exception {
        ManifestException noName = assertThrows(ManifestException.class, () -> Manifests.keyOf(yaml("""
                apiVersion: v1
                kind: Service
                metadata: {labels: {a: b}}
                """)));
        assertEquals("metadata.name", noName.field());
        ManifestException noKind = assertThrows(ManifestException.class,
                () -> Manifests.keyOf(yaml("apiVersion: v1\nmetadata: {name: x}\n")));
        assertEquals("kind", noKind.field());
    }

    @Test
    void aFieldOfTheWrongTypeIsReportedWithItsPath() throws Exception {
        ManifestException error = assertThrows(ManifestException.class, () -> TypedManifests.toTyped(yaml("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  rules:
                  - backendRefs:
                    - name: svc
                      port: eighty
                """)));
        assertEquals("spec.rules[0].backendRefs[0].port", error.field());
        assertEquals("must be an integer", error.reason());
    }

    @Test
    void everyServedVersionBecomesTheV1Type() throws Exception {
        Object route = TypedManifests.toTyped(yaml("""
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{name: gw}]
                """));
        assertInstanceOf(HTTPRoute.class, route);
        assertEquals("default", ((HTTPRoute) route).getMetadata().getNamespace());

        BackendTLSPolicy policy = (BackendTLSPolicy) TypedManifests.toTyped(yaml("""
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: BackendTLSPolicy
                metadata: {name: tls-upstream-auth}
                spec:
                  targetRef: {kind: Service, name: auth-service, group: ""}
                  tls:
                    caCertRefs:
                    - {kind: ConfigMapReference, name: auth-cert, group: ""}
                    hostname: auth.example.com
                """));
        assertEquals("auth-service", policy.getSpec().getTargetRefs().get(0).getName());
        assertEquals("auth.example.com", policy.getSpec().getValidation().getHostname());
        assertEquals("ConfigMap", policy.getSpec().getValidation().getCaCertificateRefs().get(0).getKind(),
                "the announcement's ConfigMapReference means ConfigMap");
    }

    @Test
    void unknownKindsStayGeneric() throws Exception {
        Object policy = TypedManifests.toTyped(yaml("""
                apiVersion: example.com/v1
                kind: RetryPolicy
                metadata: {name: p, namespace: apps}
                spec: {default: {attempts: 3}}
                """));
        GenericObject generic = assertInstanceOf(GenericObject.class, policy);
        assertEquals(ResourceKey.of("example.com", "RetryPolicy", "apps", "p"), generic.key());
        assertEquals(3, generic.spec().at("/default/attempts").asInt());
    }
}
