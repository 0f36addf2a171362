package dev.portolan.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portolan.client.api.DefaultApi;
import dev.portolan.client.api.ReadApi;
import dev.portolan.client.invoker.ApiClient;
import dev.portolan.client.invoker.ApiException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Portolan (embedded mode, in-process) on a temp copy of deploy/examples/demo plus extra manifests, and
 * generated-client handles to it. Tests talk to it only through dev.portolan.client.
 */
final class RunningPortolan implements AutoCloseable {
    static final String TOKEN = "t0k3n";
    private static final ObjectMapper MAPPER = ApiClient.createDefaultObjectMapper();

    private final Path folder;
    private final ApplicationContext context;
    private final String baseUri;

    private RunningPortolan(Path folder, ApplicationContext context, String baseUri) {
        this.folder = folder;
        this.context = context;
        this.baseUri = baseUri;
    }

    /** Starts on a copy of the demo plus {@code extraYaml} (written as 90-extra.yaml) and waits for the first config. */
    static RunningPortolan start(String extraYaml) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("portolan-client-test");
        Path demo = Path.of(System.getProperty("portolan.demo", "../deploy/examples/demo"));
        try (Stream<Path> files = Files.list(demo)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        Files.writeString(folder.resolve("90-extra.yaml"), extraYaml);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "portolan.manifests", folder.toString(),
                "micronaut.server.port", -1,
                "portolan.api.write-token", TOKEN,
                "portolan.proxy.port-offset", 22000,
                "portolan.proxy.admin-port", 0));
        RunningPortolan portolan = new RunningPortolan(folder, server.getApplicationContext(),
                server.getURL().toString());
        portolan.awaitFirstConfig();
        return portolan;
    }

    /** Reads are open on loopback: no token. */
    ApiClient reader() {
        // every answer is checked against openapi/portolan.yaml before the generated client reads it
        return new ApiClient(ContractCheckingHttpClient.builder(), ApiClient.createDefaultObjectMapper(), baseUri);
    }

    /** Writes carry the bearer token the spec declares (security scheme writeToken). */
    ApiClient writer() {
        ApiClient client = reader();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + TOKEN));
        return client;
    }

    ReadApi read() {
        return new ReadApi(reader());
    }

    DefaultApi api() {
        return new DefaultApi(reader());
    }

    DefaultApi writes() {
        return new DefaultApi(writer());
    }

    String baseUri() {
        return baseUri;
    }

    Path folder() {
        return folder;
    }

    /** The generated client answers untyped (the spec says type: object); tests read it as a tree. */
    static JsonNode json(Object answer) {
        return MAPPER.valueToTree(answer);
    }

    static JsonNode problem(ApiException e) {
        try {
            return MAPPER.readTree(e.getResponseBody());
        } catch (IOException io) {
            throw new UncheckedIOException("not a problem+json body: " + e.getResponseBody(), io);
        }
    }

    private void awaitFirstConfig() throws InterruptedException {
        DefaultApi api = writes(); // proxy configs need a token even from loopback
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                api.config(null, "0s", null);
                return;
            } catch (ApiException e) {
                if (e.getCode() != 503 || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Portolan did not publish a proxy config: " + e.getMessage(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws IOException {
        context.close();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
