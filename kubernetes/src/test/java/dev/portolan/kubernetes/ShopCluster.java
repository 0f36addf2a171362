package dev.portolan.kubernetes;

import dev.portolan.model.ApiGroups;
import java.util.List;

/**
 * The small cluster Kubernetes-mode tests share: a Gateway {@code default/web} of Portolan's class with
 * infrastructure labels and annotations, and an HTTPRoute {@code default/shop} to Service {@code shop:8080}, whose
 * one endpoint is {@code 127.0.0.1:<backendPort>} (a real echo backend, where a test needs one).
 */
public final class ShopCluster {
    private static final String OBJECTS = """
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
            metadata: {name: web, namespace: default}
            spec:
              gatewayClassName: portolan
              infrastructure:
                labels: {team: payments}
                annotations: {cost-center: "42"}
              listeners:
              - {name: http, protocol: HTTP, port: 80}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: shop, namespace: default}
            spec:
              parentRefs:
              - name: web
              rules:
              - backendRefs:
                - {name: shop, port: 8080}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: shop, namespace: default}
            spec:
              ports:
              - {name: http, port: 8080, targetPort: %1$d}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: shop-1
              namespace: default
              labels: {kubernetes.io/service-name: shop}
            addressType: IPv4
            endpoints:
            - addresses: ["127.0.0.1"]
              conditions: {ready: true}
            ports:
            - {name: http, port: %1$d}
            """;

    private ShopCluster() {
    }

    /** CRDs (v1, status subresource) for GatewayClass, Gateway and HTTPRoute. */
    public static void installGatewayApi(MockApiServer cluster) {
        String gw = ApiGroups.GATEWAY;
        cluster.create(MockApiServer.crd(gw, "GatewayClass", false, List.of("v1"), null));
        cluster.create(MockApiServer.crd(gw, "Gateway", true, List.of("v1"), null));
        cluster.create(MockApiServer.crd(gw, "HTTPRoute", true, List.of("v1"), null));
    }

    /** Creates the objects; {@code backendPort} is where the route's backend answers (any port if none does). */
    public static void create(MockApiServer cluster, int backendPort) {
        cluster.create(OBJECTS.formatted(backendPort));
    }
}
