package dev.portolan.store.file;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;

/** Manifests and helpers shared by the file store tests. */
final class StoreFixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    /** A CustomResourceDefinition that serves example.com/v1 Widget, namespaced. */
    static final String WIDGET_CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Widget, plural: widgets}
              versions:
              - name: v1
                served: true
                storage: true
            """;

    private StoreFixtures() {
    }

    static String gateway(String name, int port) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata:
                  name: %s
                  namespace: demo
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - name: http
                    port: %d
                    protocol: HTTP
                """.formatted(name, port);
    }

    static String route(String name, String namespace) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  parentRefs:
                  - name: web
                  hostnames:
                  - %s.example.com
                  rules:
                  - matches:
                    - path:
                        type: PathPrefix
                        value: /%s
                    backendRefs:
                    - name: svc-%s
                      port: 8080
                """.formatted(name, namespace, name, name, name);
    }

    static ResourceKey gatewayKey(String name) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.GATEWAY_KIND, "demo", name);
    }

    static ResourceKey routeKey(String namespace, String name) {
        return ResourceKey.of(ApiGroups.GATEWAY, ApiGroups.HTTP_ROUTE, namespace, name);
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Manifests.YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path root, String relPath, String text) {
        try {
            Path path = root.resolve(relPath);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path root, String relPath) {
        try {
            return Files.readString(root.resolve(relPath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (bounded, polling briefly) until the condition holds; fails after the timeout. */
    static void await(long timeoutMillis, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
