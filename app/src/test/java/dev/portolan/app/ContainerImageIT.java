package dev.portolan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.portolan.app.ImageArchive.Entry;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyPurpose;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image that the package phase wrote to app/target/portolan-image.tar: its config, its layers, and its Java
 * run from the extracted layers in a chroot, so with nothing from this machine but the kernel and the network.
 */
class ContainerImageIT {
    private static final String IMAGE_TEST_TOKEN = "container-image-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String IMAGE_USER = "65532:65532";

    @TempDir
    static Path work;
    private static Path tarball;
    private static ImageArchive image;
    private static Path root;

    @BeforeAll
    static void unpackImage() throws IOException {
        tarball = Path.of(System.getProperty("portolan.image.tar", "target/portolan-image.tar"));
        image = ImageArchive.unpack(tarball, Files.createDirectories(work.resolve("archive")));
        root = Files.createDirectories(work.resolve("root"));
        image.extractLayersTo(root);
    }

    @Test
    void isNamedWithTheVersionAndLatestForTheDeployment() {
        String version = System.getProperty("portolan.image.version");
        assertNotNull(version, "failsafe passes portolan.image.version");
        assertEquals(List.of("portolan:" + version, "portolan:latest"), image.repoTags());
        assertEquals(version, image.runConfig().path("Labels").path("org.opencontainers.image.version").asText());
        assertEquals("Portolan", image.runConfig().path("Labels").path("org.opencontainers.image.title").asText());
    }

    @Test
    void runsTheControlPlaneByDefaultAndAnyMainClassGivenAsArguments() {
        List<String> entrypoint = image.strings("Entrypoint");
        assertEquals("/opt/java/bin/java", entrypoint.get(0));
        // ProvisionPlan gives proxy Deployments args [ProxyMain, --config-url, ...]: they must follow the jar
        assertEquals(List.of("-cp", "/app/portolan-all.jar"), entrypoint.subList(entrypoint.size() - 2,
                entrypoint.size()));
        assertEquals(List.of("dev.portolan.Application"), image.strings("Cmd"));
        assertEquals(IMAGE_USER, image.runConfig().path("User").asText());
        List<String> ports = new ArrayList<>();
        image.runConfig().path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertEquals(List.of("8080/tcp", "9901/tcp"), ports);
        assertEquals("/opt/java", image.environment().get("JAVA_HOME"));
    }

    @Test
    void layersHoldTheRuntimeAndTheShadedJarOnly() throws Exception {
        Map<String, Entry> entries = image.entries();
        assertEquals(0755, entries.get("opt/java/bin/java").mode(), "java must be executable");
        assertEquals(0755, entries.get("lib64/ld-linux-x86-64.so.2").mode(), "the dynamic loader must be executable");
        assertTrue(entries.get("tmp").directory());
        assertEquals(0777, entries.get("tmp").mode(), "/tmp must be writable for the non-root user");
        assertTrue(entries.containsKey("lib/x86_64-linux-gnu/libc.so.6"), "glibc comes with the image");
        assertTrue(entries.get("etc/passwd").size() > 0);

        Set<String> underApp = new TreeSet<>();
        entries.keySet().stream().filter(path -> path.startsWith("app")).forEach(underApp::add);
        assertEquals(Set.of("app", "app/portolan-all.jar"), underApp, "Jib's own /app/libs and /app/classes "
                + "repeat what the shaded jar holds and must be filtered out");

        // the jar changes with every build, so it has the last layer to itself
        List<List<Entry>> layers = image.layerEntries();
        List<String> lastLayer = layers.get(layers.size() - 1).stream().map(Entry::path).toList();
        assertEquals(List.of("app", "app/portolan-all.jar"), lastLayer);
        Path builtJar = tarball.resolveSibling("portolan-all.jar");
        assertEquals(sha256(builtJar), sha256(root.resolve("app/portolan-all.jar")),
                "the image holds the jar this build made");
    }

    @Test
    void itsJavaRunsOnTheImagesOwnLibraries() throws Exception {
        assumeChrootWorks();
        try (ChrootProcess java = run(List.of("/opt/java/bin/java", "-version"), Map.of(), "java-version.log")) {
            assertEquals(0, java.exitCode(Duration.ofSeconds(60)), java.output());
            // jlink'ed from the JDK that runs this build
            assertTrue(java.output().contains("\"" + System.getProperty("java.version") + "\""), java.output());
        }
    }

    @Test
    void proxyMainRejectsBadArgumentsWithItsUsage() throws Exception {
        assumeChrootWorks();
        List<String> command = command(List.of("dev.portolan.proxy.ProxyMain", "--admin-port", "9901"));
        try (ChrootProcess proxy = run(command, Map.of(), "proxy-usage.log")) {
            assertEquals(2, proxy.exitCode(Duration.ofSeconds(60)), proxy.output());
            assertTrue(proxy.output().contains("ProxyMain: --config-url is required"), proxy.output());
        }
    }

    /**
     * The control plane with its default command, then the standalone proxy with the arguments ProvisionPlan
     * gives it, both from the image: the proxy takes its config from the control plane and forwards requests, over
     * HTTP and over TLS with an EC certificate, to a backend on this machine.
     */
    @Test
    void controlPlaneAndProxyServeARouteFromTheImage() throws Exception {
        assumeChrootWorks();
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            byte[] body = "hello from the backend".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        try {
            IssuedCertificate certificate = TestPki.selfSigned().sans("127.0.0.1").keyType(KeyType.EC)
                    .purposes(KeyPurpose.SERVER_AUTH).issue();
            Path manifests = Files.createDirectories(root.resolve("tmp/manifests"));
            Files.writeString(manifests.resolve("route.yaml"), manifests(backend.getAddress().getPort(), certificate));
            chownToImageUser(manifests); // the control plane writes status back into the manifests

            int apiPort = freePort();
            // proxy configs hold private keys: the proxy reads them with a token, as the README's standalone proxy
            Files.writeString(root.resolve("tmp/proxy-token"), IMAGE_TEST_TOKEN + "\n");
            chownToImageUser(root.resolve("tmp/proxy-token"));
            Map<String, String> controlPlaneOptions = Map.of("JAVA_TOOL_OPTIONS", "-Dportolan.manifests=/tmp/manifests"
                    + " -Dmicronaut.server.port=" + apiPort + " -Dportolan.proxy.enabled=false"
                    + " -Dportolan.api.write-token=" + IMAGE_TEST_TOKEN);
            try (ChrootProcess controlPlane = run(command(image.strings("Cmd")), controlPlaneOptions,
                    "control-plane.log")) {
                String health = awaitBody(controlPlane, "http://127.0.0.1:" + apiPort + "/health",
                        body -> body.contains("\"UP\""));
                assertTrue(health.contains("\"UP\""), health);

                int adminPort = freePort();
                int portOffset = freePortOffset(80, 443);
                // as ProvisionPlan runs it in a pod (but the API's token, and ports shifted off 80 and 9901)
                List<String> proxyArgs = List.of("dev.portolan.proxy.ProxyMain",
                        "--config-url", "http://127.0.0.1:" + apiPort, "--gateway", "default/image-test",
                        "--token-file", "/tmp/proxy-token", "--insecure-plaintext", // loopback, no TLS here
                        "--bind-address", "0.0.0.0", "--admin-address", "0.0.0.0",
                        "--admin-port", Integer.toString(adminPort), "--port-offset", Integer.toString(portOffset));
                try (ChrootProcess proxy = run(command(proxyArgs), Map.of(), "proxy.log")) {
                    JsonNode gateway = JSON.readTree(awaitBody(proxy, "http://127.0.0.1:" + adminPort
                            + "/admin/gateways", ContainerImageIT::listenersOpen)).path("gateways").get(0);
                    assertEquals("image-test", gateway.path("name").asText());

                    HttpResponse<String> plain = get(HTTP, "http://127.0.0.1:" + (80 + portOffset) + "/");
                    assertEquals(200, plain.statusCode(), plain.body() + "\nproxy:\n" + proxy.output());
                    assertEquals("hello from the backend", plain.body());

                    HttpClient trustingTheGateway = HttpClient.newBuilder()
                            .sslContext(TestPki.sslContext(certificate)).build();
                    HttpResponse<String> tls = get(trustingTheGateway, "https://127.0.0.1:" + (443 + portOffset) + "/");
                    assertEquals(200, tls.statusCode(), tls.body() + "\nproxy:\n" + proxy.output());
                    assertEquals("hello from the backend", tls.body());
                }
            }
        } finally {
            backend.stop(0);
        }
    }

    private static String manifests(int backendPort, IssuedCertificate certificate) {
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
                  name: image-test
                spec:
                  gatewayClassName: portolan
                  listeners:
                  - name: http
                    protocol: HTTP
                    port: 80
                  - name: https
                    protocol: HTTPS
                    port: 443
                    tls:
                      certificateRefs:
                      - name: image-test-tls
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: image-test-tls
                type: kubernetes.io/tls
                data:
                  tls.crt: %s
                  tls.key: %s
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: to-backend
                spec:
                  parentRefs:
                  - name: image-test
                  rules:
                  - backendRefs:
                    - name: backend
                      port: 8080
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: backend
                spec:
                  ports:
                  - name: http
                    protocol: TCP
                    port: 8080
                    targetPort: %d
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: backend-local
                  labels:
                    kubernetes.io/service-name: backend
                addressType: IPv4
                endpoints:
                - addresses: ["127.0.0.1"]
                  conditions:
                    ready: true
                ports:
                - name: http
                  protocol: TCP
                  port: %d
                """.formatted(base64(certificate.certificatePem()), base64(certificate.privateKeyPem()), backendPort,
                backendPort);
    }

    /** The image's Entrypoint followed by {@code args}, which replace its Cmd. */
    private static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(image.strings("Entrypoint"));
        command.addAll(args);
        return command;
    }

    private static ChrootProcess run(List<String> command, Map<String, String> extraEnv, String logName)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(image.environment());
        env.putAll(extraEnv);
        return ChrootProcess.start(root, image.runConfig().path("User").asText(), env, command,
                work.resolve(logName));
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String awaitBody(ChrootProcess process, String url, Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("exited before " + url + " answered; output:\n" + process.output());
            }
            try {
                HttpResponse<String> response = get(HTTP, url);
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && ready.test(response.body())) {
                    return response.body();
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " not ready after 120 s; last answer: " + last + "\noutput:\n"
                + process.output());
    }

    private static boolean listenersOpen(String gatewaysBody) {
        try {
            JsonNode listeners = JSON.readTree(gatewaysBody).path("gateways").path(0).path("listeners");
            if (listeners.size() != 2) {
                return false;
            }
            for (JsonNode listener : listeners) {
                if (!listener.path("open").asBoolean()) {
                    return false;
                }
            }
            return true;
        } catch (IOException notJson) {
            return false;
        }
    }

    private static void assumeChrootWorks() throws IOException, InterruptedException {
        Optional<String> why = ChrootProcess.unavailableBecause();
        assumeTrue(why.isEmpty(), () -> "running the image's Java is skipped: " + why.orElse(""));
    }

    private static void chownToImageUser(Path dir) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-R", IMAGE_USER, dir.toString()).inheritIO().start();
        assertEquals(0, chown.waitFor(), "chown -R " + IMAGE_USER + " " + dir);
    }

    /** An offset that shifts each of {@code specPorts} to a port free on this machine. */
    private static int freePortOffset(int... specPorts) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = freePort() - specPorts[0];
            boolean allFree = true;
            for (int specPort : specPorts) {
                allFree &= isFree(specPort + offset);
            }
            if (allFree) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset leaves " + Arrays.toString(specPorts) + " free");
    }

    private static boolean isFree(int port) {
        if (port > 65535) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
