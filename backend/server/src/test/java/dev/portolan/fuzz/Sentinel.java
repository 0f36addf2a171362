package dev.portolan.fuzz;

import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A valid Gateway, HTTPRoute and Service in a namespace of its own, backed by a real echo server, that must keep
 * serving through the proxy while hostile documents arrive beside it. The fuzzer never produces its names.
 */
final class Sentinel implements AutoCloseable {
    static final String NAMESPACE = "fuzz-sentinel";
    static final String GATEWAY = NAMESPACE + "/sentinel";
    /** The test profile's proxy port offset (application-test.yml) plus the listener's port 80. */
    static final int PROXY_PORT = 21_000 + 80;

    private final EchoServer echo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Sentinel(EchoServer echo) {
        this.echo = echo;
    }

    static Sentinel start() throws Exception {
        return new Sentinel(EchoServer.start(EchoOptions.of("sentinel-echo", NAMESPACE).withHost("127.0.0.1")));
    }

    String manifests() {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: fuzz-sentinel
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata:
                  name: fuzz-sentinel
                spec:
                  controllerName: portolan.dev/gateway-controller
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: sentinel
                  namespace: fuzz-sentinel
                spec:
                  gatewayClassName: fuzz-sentinel
                  listeners:
                  - name: http
                    protocol: HTTP
                    port: 80
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: echo
                  namespace: fuzz-sentinel
                spec:
                  ports:
                  - port: 8080
                    targetPort: %1$d
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: echo-local
                  namespace: fuzz-sentinel
                  labels:
                    kubernetes.io/service-name: echo
                addressType: IPv4
                endpoints:
                - addresses: ["127.0.0.1"]
                  conditions:
                    ready: true
                ports:
                - port: %1$d
                  protocol: TCP
                """.formatted(echo.httpPort()) + route("sentinel", "/sentinel");
    }

    /** An HTTPRoute on the sentinel Gateway sending {@code prefix} to the echo backend. */
    static String route(String name, String prefix) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: %s
                  namespace: fuzz-sentinel
                spec:
                  parentRefs:
                  - name: sentinel
                  rules:
                  - matches:
                    - path:
                        type: PathPrefix
                        value: %s
                    backendRefs:
                    - name: echo
                      port: 8080
                """.formatted(name, prefix);
    }

    /** The status code of GET {@code path} through the proxy on the sentinel Gateway's address (0 = no answer). */
    int get(String address, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + ":" + PROXY_PORT + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("sentinel-echo") ? 200
                    : response.statusCode() == 200 ? -200 : response.statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() throws Exception {
        echo.close();
    }
}
