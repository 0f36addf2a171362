package dev.portolan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, point 2, end to end with real processes: a standalone proxy (its own JVM) serves a route to a real echo
 * backend under steady load while the control plane (its own JVM, embedded mode on a manifests folder, fixed port)
 * is killed with SIGKILL and started again. A route added after the restart must be served within 2 s of the
 * restart completing, and no request may fail across the whole sequence.
 *
 * <p>Before the fix, versions were a per-process counter: the proxy held version 4 (three edits before the kill),
 * the restarted control plane published the same content as 1 and the new route as 2, and the proxy's
 * {@code If-None-Match: "4"} got 304 for ever.
 */
class ControlPlaneRestartTest {
    private static final String PROXY_TOKEN = "restart-test-proxy-token-0123456789";
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(2);
    /** Bounds on the load: one request at a time, a short pause between, never more than this many. */
    private static final int MAX_REQUESTS = 20_000;
    private static final long PAUSE_MILLIS = 5;

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private EchoServer backend;
    private Path folder;

    @AfterEach
    void stop() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aProxyUnderLoadFollowsAControlPlaneKilledAndStartedAgainWithoutFailingARequest() throws Exception {
        backend = EchoServer.start(EchoOptions.of("restart-echo", "default"));
        folder = Files.createTempDirectory("portolan-restart");
        Files.writeString(folder.resolve("gateway.yaml"), gatewayAndBackend(backend.httpPort()));
        Files.writeString(folder.resolve("route-shop.yaml"), route("shop"));
        int controlPlanePort = freePort();
        int listenerPort = freePort();
        int adminPort = freePort();
        String controlPlane = "http://127.0.0.1:" + controlPlanePort;
        String proxy = "http://127.0.0.1:" + listenerPort;

        Process first = startControlPlane(controlPlanePort);
        await(() -> answers(controlPlane + "/health", 200), Duration.ofSeconds(60), "the control plane starts");
        // proxy configs hold private keys: the proxy reads them with a viewer token of the control plane's file
        Path proxyToken = Files.createTempFile(folder.getParent(), "proxy-token", "");
        Files.writeString(proxyToken, PROXY_TOKEN + "\n");
        startJava("proxy", List.of("dev.portolan.proxy.ProxyMain", "--config-url", controlPlane,
                "--token-file", proxyToken.toString(), "--insecure-plaintext", "--bind-address", "127.0.0.1", "--port-offset", Integer.toString(listenerPort - 80),
                "--admin-port", Integer.toString(adminPort)));
        await(() -> answers("http://127.0.0.1:" + adminPort + "/ready", 200), Duration.ofSeconds(60),
                "the standalone proxy gets its config");
        await(() -> answers(proxy + "/shop", 200), Duration.ofSeconds(10), "the proxy serves /shop");

        try (Load load = Load.start(URI.create(proxy + "/shop"))) {
            // three edits: under the old per-process counter the proxy would now hold version 4
            for (String name : List.of("pre-1", "pre-2", "pre-3")) {
                Files.writeString(folder.resolve("route-" + name + ".yaml"), route(name));
                await(() -> answers(proxy + "/" + name, 200), Duration.ofSeconds(10), "the proxy serves /" + name);
            }
            String readyBefore = get("http://127.0.0.1:" + adminPort + "/ready").body();

            first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no goodbye to the proxy
            assertTrue(first.waitFor(10, TimeUnit.SECONDS), "the control plane died");
            processes.remove(first);
            Thread.sleep(1_000); // the proxy notices and keeps serving alone
            long requestsWhileDown = load.sent();

            long restartStarted = System.nanoTime();
            startControlPlane(controlPlanePort);
            await(() -> answers(controlPlane + "/health", 200), Duration.ofSeconds(60),
                    "the control plane starts again");
            long restartCompleted = System.nanoTime();

            Files.writeString(folder.resolve("route-after.yaml"), route("after"));
            await(() -> answers(proxy + "/after", 200), Duration.ofSeconds(30),
                    "the proxy serves the route added after the restart");
            long caughtUp = System.nanoTime();
            Thread.sleep(500); // load after the catch-up, on the new config
            load.close();

            long restartMillis = TimeUnit.NANOSECONDS.toMillis(restartCompleted - restartStarted);
            long catchUpMillis = TimeUnit.NANOSECONDS.toMillis(caughtUp - restartCompleted);
            String readyAfter = get("http://127.0.0.1:" + adminPort + "/ready").body();
            System.out.printf("control-plane restart: start took %d ms; route added after it served in %d ms;"
                            + " requests through the proxy: %d sent (%d before the restart began), %d failed;"
                            + " proxy before: %s; after: %s%n", restartMillis, catchUpMillis, load.sent(),
                    requestsWhileDown, load.failures().size(), readyBefore.strip(), readyAfter.strip());

            assertEquals(List.of(), load.failures(), "no request fails across kill, restart and change");
            assertTrue(load.sent() > 100, "the load ran: " + load.sent() + " requests");
            assertTrue(catchUpMillis <= CATCH_UP_LIMIT.toMillis(),
                    "the change reached the proxy " + catchUpMillis + " ms after the restart completed");
            assertNotEquals(readyBefore, readyAfter, "the proxy serves another version");
            assertEquals(200, get(proxy + "/pre-3").statusCode(), "the routes from before the kill still serve");
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\n" + logsText(), e);
        }
    }

    private Process startControlPlane(int port) throws IOException {
        Path tokens = folder.getParent().resolve(folder.getFileName() + "-tokens");
        Files.writeString(tokens, "restart-test-proxy viewer " + PROXY_TOKEN + "\n");
        return startJava("control-plane", List.of(
                "-Dmicronaut.server.port=" + port,
                "-Dportolan.api.tokens-file=" + tokens,
                "-Dportolan.manifests=" + folder,
                "-Dportolan.proxy.enabled=false",
                "dev.portolan.Application"));
    }

    private Process startJava(String name, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        command.addAll(arguments);
        Path log = Files.createTempFile("portolan-restart-" + name, ".log");
        logs.add(log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private String logsText() {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            try {
                String text = Files.readString(log);
                out.append("--- ").append(log.getFileName()).append(" (last 4000 characters)\n")
                        .append(text, Math.max(0, text.length() - 4000), text.length()).append('\n');
            } catch (IOException e) {
                out.append("--- ").append(log).append(": ").append(e).append('\n');
            }
        }
        return out.toString();
    }

    /** Steady load: one client sending GETs one after another until closed, recording every failure. */
    private static final class Load implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sent = new AtomicLong();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final Thread thread;

        private Load(URI target) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5)).build();
            thread = new Thread(() -> {
                while (running.get() && sent.get() < MAX_REQUESTS) {
                    long n = sent.incrementAndGet();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || !response.body().contains("restart-echo")) {
                            failures.add("request " + n + ": HTTP " + response.statusCode() + " " + response.body());
                        }
                        Thread.sleep(PAUSE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        failures.add("request " + n + ": " + e);
                    }
                }
            }, "restart-test-load");
            thread.setDaemon(true);
        }

        static Load start(URI target) {
            Load load = new Load(target);
            load.thread.start();
            return load;
        }

        long sent() {
            return sent.get();
        }

        List<String> failures() {
            return failures;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    private static String gatewayAndBackend(int echoPort) {
        return """
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
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: echo
                  namespace: default
                spec:
                  ports:
                  - name: main
                    port: 8080
                    targetPort: %d
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: echo-local
                  namespace: default
                  labels:
                    kubernetes.io/service-name: echo
                addressType: IPv4
                endpoints:
                - addresses: ["127.0.0.1"]
                  conditions:
                    ready: true
                ports:
                - name: main
                  port: %d
                """.formatted(echoPort, echoPort);
    }

    private static String route(String name) {
        return """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: %s
                  namespace: default
                spec:
                  parentRefs:
                  - name: web
                  rules:
                  - matches:
                    - path:
                        type: PathPrefix
                        value: /%s
                    backendRefs:
                    - name: echo
                      port: 8080
                """.formatted(name, name);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean answers(String url, int status) {
        try {
            return get(url).statusCode() == status;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
