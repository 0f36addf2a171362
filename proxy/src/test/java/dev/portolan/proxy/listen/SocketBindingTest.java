package dev.portolan.proxy.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocketBindingTest {
    static final String ADDRESS = "127.0.0.206";

    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        server.start();
        port = ListenFixtures.freeOffset(List.of(0), ADDRESS);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private ServerConnector connector() {
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(ADDRESS);
        connector.setPort(port);
        connector.setReuseAddress(true);
        return connector;
    }

    /** Stopping a connector returns before its acceptor has let go of the port; many rounds make that race show. */
    @Test
    void bindsAgainRightAfterTheListenerOnThePortWasStopped() throws Exception {
        for (int round = 0; round < 40; round++) {
            ServerConnector next = connector();
            server.addConnector(next);
            SocketBinding.open(next, Duration.ofSeconds(1));
            next.start();
            assertEquals(port, next.getLocalPort(), "round " + round);
            next.stop();
            server.removeConnector(next);
        }
    }

    @Test
    void givesUpWithTheBindErrorWhenThePortStaysTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(ADDRESS, port));
            ServerConnector connector = connector();
            long start = System.nanoTime();
            IOException failure = assertThrows(IOException.class,
                    () -> SocketBinding.open(connector, Duration.ofMillis(150)));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(failure.getMessage().contains(ADDRESS + ":" + port), failure.getMessage());
            assertInstanceOf(BindException.class, failure.getCause());
            assertTrue(tookMillis >= 50 && tookMillis < 2_000, "took " + tookMillis + " ms");
            assertEquals(-1, connector.getLocalPort());
        }
    }
}
