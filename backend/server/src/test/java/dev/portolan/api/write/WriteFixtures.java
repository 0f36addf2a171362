package dev.portolan.api.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.util.List;
import java.util.TreeMap;

/** Manifests shared by the write tests: one Gateway with a route to Service shop. */
final class WriteFixtures {
    static final String CLASS_AND_GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata:
              name: portolan
            spec:
              controllerName: portolan.dev/gateway-controller
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: web
              namespace: default
            spec:
              gatewayClassName: portolan
              listeners:
              - name: http
                protocol: HTTP
                port: 80
            """;
    static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: %s
              namespace: default
            spec:
              parentRefs:
              - name: web
              rules:
              - backendRefs:
                - name: %s
                  port: 8080
            """;
    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: %s
              namespace: default
            spec:
              ports:
              - port: 8080
            """;

    private WriteFixtures() {
    }

    static List<ObjectNode> parse(String yaml) {
        return ManifestDocuments.parse(yaml, "application/yaml");
    }

    static StoreSnapshot store(String yaml) {
        TreeMap<ResourceKey, StoredObject> objects = new TreeMap<>();
        int version = 1;
        for (ObjectNode manifest : parse(yaml)) {
            ResourceKey key = Manifests.keyOf(manifest);
            ObjectNode stored = manifest.deepCopy();
            ((ObjectNode) stored.get("metadata")).put("resourceVersion", String.valueOf(version++))
                    .put("generation", 1);
            objects.put(key, new StoredObject(key, stored, null, "test"));
        }
        return new StoreSnapshot(version, objects, List.of());
    }
}
