package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.embedded.EmbeddedPortolan;
import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.store.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real thing: embedded Portolan (file store in a temporary folder, snapshots, translation, in-process Jetty
 * proxy) exactly as {@code ./portolan demo} runs it. Objects go in through the store; Gateways are reached on
 * their 127.0.0.x address at spec port + offset.
 */
final class EmbeddedPortolanUnderTest implements PortolanUnderTest {
    /** Keeps listener sockets (80, 443, 8080, 8090 + offset) below the ephemeral port range. */
    static final int PORT_OFFSET = 20000;

    private final Path folder;
    private final EmbeddedPortolan portolan;

    private EmbeddedPortolanUnderTest(Path folder, EmbeddedPortolan portolan) {
        this.folder = folder;
        this.portolan = portolan;
    }

    static EmbeddedPortolanUnderTest start(GatewayClassUnderTest gatewayClass) throws Exception {
        Path folder = Files.createTempDirectory("portolan-conformance");
        EmbeddedPortolan portolan = EmbeddedPortolan.start(new EmbeddedPortolan.Options(folder,
                gatewayClass.controllerName(), true, PORT_OFFSET, -1), HttpForwarder::new);
        return new EmbeddedPortolanUnderTest(folder, portolan);
    }

    @Override
    public void apply(ObjectNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        if (copy.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion"); // apply, not replace: the runner has no version to hold against
        }
        portolan.store().apply(copy);
    }

    @Override
    public void delete(ResourceKey key) {
        portolan.store().delete(key, null);
    }

    @Override
    public Optional<ObjectNode> object(ResourceKey key) {
        return portolan.store().get(key).map(StoredObject::withStatus);
    }

    @Override
    public InetSocketAddress listenerAddress(ResourceKey gateway, int specPort) {
        String address = object(gateway)
                .map(o -> o.path("status").path("addresses"))
                .flatMap(EmbeddedPortolanUnderTest::firstAddress)
                .orElseThrow(() -> new IllegalStateException(gateway + " has no address in its status yet"));
        return new InetSocketAddress(address, specPort + PORT_OFFSET);
    }

    private static Optional<String> firstAddress(JsonNode addresses) {
        for (JsonNode address : addresses) {
            if (!address.path("value").asText("").isEmpty()) {
                return Optional.of(address.path("value").asText());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        portolan.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code --implementation embedded}. */
    public static final class Provider implements PortolanUnderTestProvider {
        @Override
        public String name() {
            return "embedded";
        }

        @Override
        public PortolanUnderTest start(GatewayClassUnderTest gatewayClass) throws Exception {
            return EmbeddedPortolanUnderTest.start(gatewayClass);
        }
    }
}
