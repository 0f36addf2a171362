package dev.portolan.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A real Portolan in embedded mode, in this JVM, on loopback, on a temp copy of one of deploy/examples. */
final class EmbeddedPortolan implements AutoCloseable {
    static final String TOKEN = "cli-test-write-token-0123456789";

    private final Path folder;
    private final ApplicationContext context;
    final String server;

    private EmbeddedPortolan(Path folder, ApplicationContext context, String server) {
        this.folder = folder;
        this.context = context;
        this.server = server;
    }

    /**
     * {@code example}: a folder under deploy/examples, copied because Portolan writes its state beside it, plus
     * {@code extraYaml} (if not empty) as 90-extra.yaml.
     */
    static EmbeddedPortolan start(String example, String extraYaml) throws IOException {
        Path source = Path.of(System.getProperty("portolan.examples", "../deploy/examples")).resolve(example);
        Path folder = Files.createTempDirectory("portolan-cli-test");
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        if (!extraYaml.isEmpty()) {
            Files.writeString(folder.resolve("90-extra.yaml"), extraYaml);
        }
        Map<String, Object> properties = new HashMap<>(Map.of(
                "portolan.manifests", folder.toString(),
                "micronaut.server.port", -1,
                "portolan.api.write-token", TOKEN,
                "portolan.proxy.enabled", false));
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        return new EmbeddedPortolan(folder, server.getApplicationContext(), server.getURL().toString());
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
