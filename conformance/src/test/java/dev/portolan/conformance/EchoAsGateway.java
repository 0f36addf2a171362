package dev.portolan.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.echo.EchoServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stand-in implementation whose every Gateway is one echo server: spec port 80 = its HTTP port, 81 = h2c,
 * 443 = HTTPS. Objects (the Secrets the client trusts) are kept as given.
 */
final class EchoAsGateway implements PortolanUnderTest {
    private final EchoServer echo;
    private final Map<ResourceKey, ObjectNode> objects = new TreeMap<>();

    EchoAsGateway(EchoServer echo) {
        this.echo = echo;
    }

    @Override
    public void apply(ObjectNode manifest) {
        objects.put(Manifests.keyOf(manifest), manifest.deepCopy());
    }

    @Override
    public void delete(ResourceKey key) {
        objects.remove(key);
    }

    @Override
    public Optional<ObjectNode> object(ResourceKey key) {
        return Optional.ofNullable(objects.get(key)).map(ObjectNode::deepCopy);
    }

    @Override
    public InetSocketAddress listenerAddress(ResourceKey gateway, int specPort) {
        int port = switch (specPort) {
            case 81 -> echo.h2cPort().orElseThrow();
            case 443 -> echo.httpsPort().orElseThrow();
            default -> echo.httpPort();
        };
        return new InetSocketAddress(echo.host(), port);
    }

    @Override
    public void close() {
        // the test owns the echo server
    }
}
