package dev.portolan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the manifest folder of {@code e2e-playwright/perf/generate.mjs} (N HTTPRoutes over 50 namespaces, 20
 * Gateways on 127.0.1.1-20, 10 Services per namespace, one file per namespace) plus a {@code bench} namespace
 * whose Service {@code echo} has an EndpointSlice on a loopback backend, so that routes to it answer 200.
 */
final class PerfManifests {
    static final int NAMESPACES = 50;
    static final int GATEWAYS = 20;
    static final int SERVICES_PER_NAMESPACE = 10;

    private PerfManifests() {
    }

    static void write(Path folder, int routes, int echoPort) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("00-gateways.yaml"), gatewaysYaml());
        for (int n = 0; n < NAMESPACES; n++) {
            Files.writeString(folder.resolve("team-" + n + ".yaml"), namespaceYaml(n, routes));
        }
        Files.writeString(folder.resolve("bench.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: bench}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: echo, namespace: bench}
                spec: {ports: [{port: 8080}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: echo-1, namespace: bench, labels: {kubernetes.io/service-name: echo}}
                addressType: IPv4
                ports: [{port: %d}]
                endpoints: [{addresses: [127.0.0.1]}]
                ---
                %s""".formatted(echoPort, route("steady", "/steady")));
    }

    /** An HTTPRoute in {@code bench} on gw-0 (no hostnames: any Host) sending {@code path} to the echo backend. */
    static String route(String name, String path) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: bench}
                spec:
                  parentRefs: [{name: gw-0, namespace: default}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: %s}}]
                    backendRefs: [{name: echo, port: 8080}]
                """.formatted(name, path);
    }

    /** The GatewayClass and the Gateways, as YAML documents. */
    static String gatewaysYaml() {
        StringBuilder gateways = new StringBuilder("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: portolan}
                spec: {controllerName: portolan.dev/gateway-controller}
                """);
        for (int g = 0; g < GATEWAYS; g++) {
            gateways.append("---\n").append("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: Gateway
                    metadata: {name: gw-%d, namespace: default}
                    spec:
                      gatewayClassName: portolan
                      addresses: [{value: 127.0.1.%d}]
                      listeners:
                      - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
                    """.formatted(g, g + 1));
        }
        return gateways.toString();
    }

    /** Namespace {@code team-n}: the Namespace, its Services and its share of the routes, as YAML documents. */
    static String namespaceYaml(int n, int routes) {
        String namespace = "team-" + n;
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata: {name: ")
                .append(namespace).append("}\n");
        for (int s = 0; s < SERVICES_PER_NAMESPACE; s++) {
            yaml.append("---\n").append("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: svc-%d, namespace: %s}
                    spec: {ports: [{port: 8080}]}
                    """.formatted(s, namespace));
        }
        for (int r = n; r < routes; r += NAMESPACES) {
            yaml.append("---\n").append("""
                    apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: route-%d, namespace: %s}
                    spec:
                      parentRefs: [{name: gw-%d, namespace: default}]
                      hostnames: [r%d.example.com]
                      rules:
                      - matches: [{path: {type: PathPrefix, value: /r%d}}]
                        backendRefs: [{name: svc-%d, port: 8080}]
                    """.formatted(r, namespace, r % GATEWAYS, r, r, r % SERVICES_PER_NAMESPACE));
        }
        return yaml.toString();
    }
}
