package dev.portolan.kubernetes;

import dev.portolan.embedded.GatewayAddressBook;
import static dev.portolan.kubernetes.MockApiServer.await;
import static dev.portolan.kubernetes.MockApiServer.crd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.store.LoadProblem;
import dev.portolan.store.StoreException;
import dev.portolan.store.StoreSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesStoreTest {
    private static final String CONTROLLER = "portolan.dev/gateway-controller";
    private static final String GW = ApiGroups.GATEWAY;
    private static final String CLUSTER = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: default}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: portolan}
            spec: {controllerName: portolan.dev/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: default}
            spec:
              gatewayClassName: portolan
              listeners:
              - {name: http, protocol: HTTP, port: 80}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: web, namespace: default}
            spec:
              parentRefs:
              - name: gw
              rules:
              - backendRefs:
                - {name: web, port: 8080}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
            spec:
              ports:
              - {name: http, port: 8080, targetPort: 3000}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: web-1
              namespace: default
              labels: {kubernetes.io/service-name: web}
            addressType: IPv4
            endpoints:
            - addresses: ["10.0.0.1"]
              conditions: {ready: true}
            ports:
            - {name: http, port: 3000}
            ---
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: BackendTLSPolicy
            metadata: {name: tls-web, namespace: default}
            spec:
              targetRef: {group: "", kind: Service, name: web}
              tls:
                wellKnownCACerts: System
                hostname: web.example.com
            """;

    private MockApiServer cluster;
    private KubernetesStore store;
    private SnapshotService snapshots;

    @BeforeEach
    void installGatewayApi() {
        cluster = new MockApiServer();
        // An older install: BackendTLSPolicy served in v1alpha2 only; no ReferenceGrant CRD at all.
        cluster.create(crd(GW, "GatewayClass", false, List.of("v1", "v1beta1"), null));
        cluster.create(crd(GW, "Gateway", true, List.of("v1", "v1beta1"), null));
        cluster.create(crd(GW, "HTTPRoute", true, List.of("v1", "v1beta1"), null));
        cluster.create(crd(GW, "BackendTLSPolicy", true, List.of("v1alpha2"), "Direct"));
    }

    @AfterEach
    void stop() {
        if (snapshots != null) {
            snapshots.close();
        }
        if (store != null) {
            store.close();
        }
        cluster.close();
    }

    private KubernetesStore startStore(KubernetesStoreOptions options) {
        store = KubernetesStore.start(cluster.client(), options);
        return store;
    }

    private static ResourceKey key(String group, String kind, String namespace, String name) {
        return ResourceKey.of(group, kind, namespace, name);
    }

    @Test
    void objectsCreatedThroughTheClientAppearInTheSnapshotWithStatusApart() {
        cluster.create(CLUSTER);
        StoreSnapshot snapshot = startStore(KubernetesStoreOptions.allNamespaces()).snapshot();

        for (ResourceKey expected : List.of(
                key(GW, "GatewayClass", "", "portolan"), key(GW, "Gateway", "default", "gw"),
                key(GW, "HTTPRoute", "default", "web"), key(GW, "BackendTLSPolicy", "default", "tls-web"),
                key("", "Service", "default", "web"), key("", "Namespace", "", "default"),
                key(ApiGroups.DISCOVERY, "EndpointSlice", "default", "web-1"),
                key(ApiGroups.APIEXTENSIONS, "CustomResourceDefinition", "", "httproutes." + GW))) {
            assertTrue(snapshot.byKey().containsKey(expected), expected + " missing from " + snapshot.byKey().keySet());
        }
        ObjectNode gateway = snapshot.byKey().get(key(GW, "Gateway", "default", "gw")).manifest();
        assertFalse(gateway.has("status"), "status is kept apart from the manifest");
        assertFalse(gateway.path("metadata").path("resourceVersion").asText().isEmpty());
        assertEquals("v1alpha2", store.servedKinds().get("BackendTLSPolicy." + GW).version());

        // The existing pipeline normalises the v1alpha2 policy to the v1 type.
        ResourceSet resources = ResourceSet.of(snapshot.manifests());
        assertEquals(1, resources.backendTlsPolicies().size(), "problems: " + resources.problems());
        assertEquals("web.example.com", resources.backendTlsPolicies().get(0).getSpec().getValidation().getHostname());

        // ReferenceGrant's CRD is missing: a problem naming the CRD, not a crash.
        LoadProblem missing = snapshot.problems().stream()
                .filter(p -> p.object() != null && p.object().name().equals("referencegrants." + GW))
                .findFirst().orElseThrow(() -> new AssertionError("no problem for ReferenceGrant: "
                        + snapshot.problems()));
        assertTrue(missing.reason().contains("is not installed"), missing.reason());
    }

    @Test
    void pipelineWritesStatusThroughTheStatusSubresource() {
        cluster.create(CLUSTER);
        startStore(KubernetesStoreOptions.allNamespaces());
        snapshots = new SnapshotService(store, CONTROLLER,
                Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC),
                GatewayAddressBook.loopback(), () -> true).start();

        await(() -> hasCondition(cluster.read(GW + "/v1", "GatewayClass", null, "portolan"), "Accepted", "True"),
                "GatewayClass portolan is Accepted on the server");
        await(() -> cluster.read(GW + "/v1", "HTTPRoute", "default", "web").path("status").path("parents").size() == 1,
                "HTTPRoute web has a parent status");
        await(() -> cluster.read(GW + "/v1", "Gateway", "default", "gw").path("status").path("listeners")
                .path(0).path("attachedRoutes").asInt(-1) == 1, "Gateway gw counts 1 attached route");

        ObjectNode gateway = cluster.read(GW + "/v1", "Gateway", "default", "gw");
        assertEquals(1, gateway.path("metadata").path("generation").asLong(), "a status write does not bump generation");
        assertTrue(hasCondition(gateway, "Accepted", "True"), gateway.path("status").toString());
        for (JsonNode condition : gateway.path("status").path("conditions")) {
            assertEquals(1, condition.path("observedGeneration").asLong(), condition.toString());
        }
        JsonNode parent = cluster.read(GW + "/v1", "HTTPRoute", "default", "web").path("status").path("parents").get(0);
        assertEquals(CONTROLLER, parent.path("controllerName").asText());
        assertEquals("gw", parent.path("parentRef").path("name").asText());
        assertTrue(parent.path("conditions").findValuesAsText("type").contains("Accepted"), parent.toString());
        assertTrue(cluster.read(GW + "/v1alpha2", "BackendTLSPolicy", "default", "tls-web").path("status")
                .path("ancestors").size() >= 1, "the policy gets ancestor status");

        // The store sees its own status writes come back through the informers.
        await(() -> store.snapshot().byKey().get(key(GW, "GatewayClass", "", "portolan")).status() != null,
                "the store sees the GatewayClass status");
    }

    @Test
    void timeoutPolicyStatusIsWrittenBackPerTargetWithObservedGeneration() {
        cluster.create(crd(ApiGroups.PORTOLAN, "TimeoutPolicy", true, List.of("v1alpha1"), "inherited"));
        cluster.create(CLUSTER + """
                ---
                apiVersion: gateway.portolan.dev/v1alpha1
                kind: TimeoutPolicy
                metadata: {name: gw-defaults, namespace: default, creationTimestamp: "2026-01-01T00:00:00Z"}
                spec:
                  targetRefs:
                  - {group: gateway.networking.k8s.io, kind: Gateway, name: gw}
                  - {group: gateway.networking.k8s.io, kind: Gateway, name: gone}
                  default: {request: 20s}
                ---
                apiVersion: gateway.portolan.dev/v1alpha1
                kind: TimeoutPolicy
                metadata: {name: gw-late, namespace: default, creationTimestamp: "2026-02-01T00:00:00Z"}
                spec:
                  targetRef: {group: gateway.networking.k8s.io, kind: Gateway, name: gw}
                  default: {request: 40s}
                """);
        startStore(KubernetesStoreOptions.allNamespaces());
        snapshots = new SnapshotService(store, CONTROLLER,
                Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC),
                GatewayAddressBook.loopback(), () -> true).start();

        await(() -> cluster.read(ApiGroups.PORTOLAN + "/v1alpha1", "TimeoutPolicy", "default", "gw-defaults")
                .path("status").path("ancestors").size() == 2, "TimeoutPolicy gw-defaults has one ancestor per target");
        await(() -> cluster.read(ApiGroups.PORTOLAN + "/v1alpha1", "TimeoutPolicy", "default", "gw-late")
                .path("status").path("ancestors").size() == 1, "TimeoutPolicy gw-late has its ancestor status");
        ObjectNode first = cluster.read(ApiGroups.PORTOLAN + "/v1alpha1", "TimeoutPolicy", "default", "gw-defaults");
        JsonNode onGateway = first.at("/status/ancestors/0");
        assertEquals("gw", onGateway.at("/ancestorRef/name").asText());
        assertEquals(CONTROLLER, onGateway.path("controllerName").asText());
        assertEquals("True", onGateway.at("/conditions/0/status").asText(), onGateway.toString());
        assertEquals("Accepted", onGateway.at("/conditions/0/reason").asText());
        assertEquals(first.at("/metadata/generation").asLong(), onGateway.at("/conditions/0/observedGeneration")
                .asLong(), "observedGeneration is the policy's generation");
        JsonNode missing = first.at("/status/ancestors/1");
        assertEquals("gone", missing.at("/ancestorRef/name").asText());
        assertEquals("False", missing.at("/conditions/0/status").asText());
        assertEquals("TargetNotFound", missing.at("/conditions/0/reason").asText());
        JsonNode late = cluster.read(ApiGroups.PORTOLAN + "/v1alpha1", "TimeoutPolicy", "default", "gw-late")
                .at("/status/ancestors/0/conditions/0");
        assertEquals("False", late.path("status").asText(), late.toString());
        assertEquals("Conflicted", late.path("reason").asText());
        assertTrue(late.path("message").asText().contains("gw-defaults"), late.toString());
    }

    @Test
    void statusOfOtherControllersSurvivesAndUnchangedStatusIsNotRewritten() {
        cluster.create(CLUSTER);
        startStore(KubernetesStoreOptions.allNamespaces());
        snapshots = new SnapshotService(store, CONTROLLER,
                Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC),
                GatewayAddressBook.loopback(), () -> true).start();
        await(() -> cluster.read(GW + "/v1", "HTTPRoute", "default", "web").path("status").path("parents").size() == 1,
                "HTTPRoute web has Portolan's parent status");
        // Let Portolan settle first (statuses are written after each snapshot is published): the mock does not
        // check resourceVersion on /status, so a write of ours in flight could otherwise drop the entry below,
        // where a real API server would answer 409 and Portolan would merge again.
        // (the informer may not have seen any status yet: null until it does)
        await(() -> {
            var stored = store.snapshot().byKey().get(key(GW, "HTTPRoute", "default", "web"));
            return stored != null && stored.status() != null && stored.status().path("parents").size() == 1;
        }, "the store sees Portolan's status");
        snapshots.awaitRebuild();

        // Another controller adds its own parent entry.
        var routes = cluster.client().genericKubernetesResources(MockApiServer.context(
                cluster.read(GW + "/v1", "HTTPRoute", "default", "web"))).inNamespace("default");
        retryOnConflict(() -> {
            var route = routes.withName("web").get();
            @SuppressWarnings("unchecked")
            var status = (java.util.Map<String, Object>) route.getAdditionalProperties().get("status");
            @SuppressWarnings("unchecked")
            var parents = new java.util.ArrayList<>((List<Object>) status.get("parents"));
            parents.add(java.util.Map.of("controllerName", "other.io/controller",
                    "parentRef", java.util.Map.of("name", "their-gw"), "conditions", List.of()));
            status.put("parents", parents);
            routes.resource(route).updateStatus();
        });

        await(() -> store.snapshot().byKey().get(key(GW, "HTTPRoute", "default", "web")).status()
                .path("parents").size() == 2, "the store sees the other controller's entry");

        // A metadata change makes Portolan recompute the route's status; the foreign entry must survive.
        retryOnConflict(() -> routes.withName("web").edit(r -> {
            r.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
            return r;
        }));
        await(() -> "yes".equals(store.snapshot().byKey().get(key(GW, "HTTPRoute", "default", "web")).manifest()
                .path("metadata").path("labels").path("touched").asText()), "the store sees the edit");
        snapshots.awaitRebuild();
        await(() -> cluster.read(GW + "/v1", "HTTPRoute", "default", "web").path("status").path("parents").size() == 2,
                "both parent entries are in the written status");
        JsonNode written = cluster.read(GW + "/v1", "HTTPRoute", "default", "web").path("status").path("parents");
        assertEquals(List.of(CONTROLLER, "other.io/controller"), written.findValuesAsText("controllerName"));

        String classVersion = cluster.read(GW + "/v1", "GatewayClass", null, "portolan")
                .path("metadata").path("resourceVersion").asText();
        snapshots.awaitRebuild();
        snapshots.awaitRebuild();
        assertEquals(classVersion, cluster.read(GW + "/v1", "GatewayClass", null, "portolan")
                .path("metadata").path("resourceVersion").asText(), "an unchanged status is not written again");
    }

    @Test
    void updatesAndDeletesThroughTheClientAreSeenAndWatchersNotified() {
        cluster.create(CLUSTER);
        startStore(KubernetesStoreOptions.allNamespaces());
        AtomicInteger notifications = new AtomicInteger();
        store.watch(snapshot -> notifications.incrementAndGet());

        var services = cluster.client().services().inNamespace("default");
        services.withName("web").edit(service -> {
            service.getMetadata().setLabels(java.util.Map.of("tier", "front"));
            return service;
        });
        await(() -> "front".equals(store.snapshot().byKey().get(key("", "Service", "default", "web")).manifest()
                .path("metadata").path("labels").path("tier").asText()), "the store sees the new label");
        assertTrue(notifications.get() >= 1, "watchers were told");

        services.withName("web").delete();
        await(() -> !store.snapshot().byKey().containsKey(key("", "Service", "default", "web")),
                "the store sees the deletion");
    }

    @Test
    void applyCreatesAndReplacesAndAStaleResourceVersionIsAConflict() throws Exception {
        cluster.create(CLUSTER);
        startStore(KubernetesStoreOptions.allNamespaces());
        ObjectNode route = (ObjectNode) dev.portolan.model.Manifests.YAML.readTree("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: api, namespace: default}
                spec:
                  parentRefs: [{name: gw}]
                  hostnames: [api.example.com]
                """);
        var created = store.apply(route);
        String firstVersion = created.resourceVersion();
        assertFalse(firstVersion.isEmpty());
        ResourceKey api = key(GW, "HTTPRoute", "default", "api");
        await(() -> store.snapshot().byKey().containsKey(api), "the store sees the created route");

        ObjectNode changed = route.deepCopy();
        ((ObjectNode) changed.path("metadata")).put("resourceVersion", firstVersion);
        changed.with("spec").putArray("hostnames").add("api2.example.com");
        var replaced = store.apply(changed);
        assertTrue(!replaced.resourceVersion().equals(firstVersion), "a replace gives a new resourceVersion");
        await(() -> store.snapshot().byKey().get(api).manifest().path("spec").path("hostnames").path(0).asText()
                .equals("api2.example.com"), "the store sees the replaced spec");

        // firstVersion is stale now.
        StoreException.Conflict conflict = assertThrows(StoreException.Conflict.class, () -> store.apply(changed));
        assertEquals(api, conflict.object());

        assertTrue(store.delete(api, null));
        await(() -> !store.snapshot().byKey().containsKey(api), "the store sees its deletion");
        assertFalse(store.delete(api, null), "deleting again finds nothing");
        assertNull(cluster.read(GW + "/v1", "HTTPRoute", "default", "api"));
    }

    @Test
    void applyOfAKindWithoutCrdIsInvalid() throws Exception {
        startStore(KubernetesStoreOptions.allNamespaces());
        JsonNode grant = dev.portolan.model.Manifests.YAML.readTree("""
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: g, namespace: default}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default}]
                  to: [{group: "", kind: Service}]
                """);
        StoreException.Invalid invalid = assertThrows(StoreException.Invalid.class, () -> store.apply(grant));
        assertTrue(invalid.getMessage().contains("ReferenceGrant"), invalid.getMessage());
    }

    @Test
    void aCrdInstalledLaterIsPickedUp() {
        startStore(KubernetesStoreOptions.allNamespaces());
        assertNull(store.servedKinds().get("ReferenceGrant." + GW));
        cluster.create(crd(GW, "ReferenceGrant", true, List.of("v1beta1"), null));
        await(() -> store.servedKinds().containsKey("ReferenceGrant." + GW), "ReferenceGrant is read");
        cluster.create("""
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: g, namespace: default}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: default}]
                  to: [{group: "", kind: Service}]
                """);
        await(() -> store.snapshot().byKey().containsKey(key(GW, "ReferenceGrant", "default", "g")),
                "the store sees the ReferenceGrant");
        assertTrue(store.snapshot().problems().stream().noneMatch(p -> p.reason().contains("referencegrants")),
                "the missing-CRD problem is gone: " + store.snapshot().problems());
    }

    @Test
    void namespaceScopingLeavesOtherNamespacesOut() {
        cluster.create(CLUSTER);
        cluster.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: other, namespace: elsewhere}
                spec:
                  ports: [{port: 80}]
                """);
        StoreSnapshot snapshot = startStore(KubernetesStoreOptions.allNamespaces().withNamespaces(List.of("default")))
                .snapshot();
        assertTrue(snapshot.byKey().containsKey(key("", "Service", "default", "web")));
        assertFalse(snapshot.byKey().containsKey(key("", "Service", "elsewhere", "other")));
        assertNotNull(snapshot.byKey().get(key(GW, "GatewayClass", "", "portolan")), "cluster-scoped kinds are read");
    }

    /** Portolan writes status concurrently with the test's own writes, as another controller would. */
    private static void retryOnConflict(Runnable write) {
        for (int attempt = 0; ; attempt++) {
            try {
                write.run();
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static boolean hasCondition(JsonNode object, String type, String status) {
        if (object == null) {
            return false;
        }
        for (JsonNode condition : object.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText()) && status.equals(condition.path("status").asText())) {
                return true;
            }
        }
        return false;
    }
}
