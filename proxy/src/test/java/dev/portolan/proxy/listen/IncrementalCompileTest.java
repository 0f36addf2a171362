package dev.portolan.proxy.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A new config that changes one Gateway recompiles only that Gateway: the others keep their compiled sockets (the
 * same route tables and metrics maps) and the config objects those were compiled from, so a swap costs what changed.
 */
class IncrementalCompileTest {
    private static final ProxyServerOptions OPTIONS = ProxyServerOptions.defaults();

    private static GatewayConfig gateway(String name, String address, String prefix) {
        return ListenFixtures.gateway(name, address, Map.of(),
                ListenFixtures.http("http", 80, null, ListenFixtures.route("r-" + name, prefix, "main")));
    }

    @Test
    void unchangedGatewaysKeepTheirCompiledSocketsAndTheChangedOneIsCompiledAgain() {
        GatewayMetrics metrics = new GatewayMetrics();
        GatewayConfig a = gateway("a", "127.0.0.11", "/a");
        GatewayConfig b = gateway("b", "127.0.0.12", "/b");
        IsolatedCompile.Result first = IsolatedCompile.compile(ProxyConfig.of(List.of(a, b)), null, metrics, OPTIONS,
                (key, routes) -> null);
        SocketKey socketA = new SocketKey("127.0.0.11", 80);
        SocketKey socketB = new SocketKey("127.0.0.12", 80);

        // b changes; a arrives as an equal but new object (as after a control plane restart)
        GatewayConfig equalA = gateway("a", "127.0.0.11", "/a");
        GatewayConfig changedB = gateway("b", "127.0.0.12", "/b2");
        IsolatedCompile.Result second = IsolatedCompile.compile(ProxyConfig.of(List.of(equalA, changedB)),
                first.live(), metrics, OPTIONS, (key, routes) -> null);

        assertSame(first.live().ports().get(socketA), second.live().ports().get(socketA), "a is not recompiled");
        assertSame(a, second.live().config().gateways().get(0),
                "a is served from the object its route table was compiled from");
        assertNotSame(first.live().ports().get(socketB), second.live().ports().get(socketB));
        assertSame(changedB, second.live().config().gateways().get(1));
        assertTrue(second.refused().isEmpty());
        assertEquals(ProxyConfig.of(List.of(equalA, changedB)).version(), second.live().version());
    }

    @Test
    void aGatewayMovedToAnotherAddressIsCompiledAgain() {
        GatewayMetrics metrics = new GatewayMetrics();
        GatewayConfig a = gateway("a", "127.0.0.11", "/a");
        IsolatedCompile.Result first = IsolatedCompile.compile(ProxyConfig.of(List.of(a)), null, metrics, OPTIONS,
                (key, routes) -> null);
        GatewayConfig moved = gateway("a", "127.0.0.13", "/a");
        IsolatedCompile.Result second = IsolatedCompile.compile(ProxyConfig.of(List.of(moved)), first.live(),
                metrics, OPTIONS, (key, routes) -> null);
        assertEquals(List.of(new SocketKey("127.0.0.13", 80)), List.copyOf(second.live().ports().keySet()));
    }
}
