package dev.portolan.proxy.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.listen.TestForwarder;
import dev.portolan.proxy.observe.GatewayMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 11's finding 6 on the proxy admin port: it answered any Host, so a rebound DNS name could read it. */
class AdminRebindingTest {
    private ProxyServer proxy;
    private AdminServer admin;

    @BeforeEach
    void start() throws Exception {
        proxy = new ProxyServer(new TestForwarder(), ProxyServerOptions.defaults(), new GatewayMetrics());
        proxy.start();
        admin = new AdminServer(proxy, "127.0.0.1", 0);
        admin.start();
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
        proxy.close();
    }

    private String get(String path, String host) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", admin.port()), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRebindingNameIsRefused() throws IOException {
        for (String path : new String[] {"/admin/config", "/admin/gateways", "/metrics", "/ready"}) {
            String answer = get(path, "attacker.example:" + admin.port());
            assertTrue(answer.startsWith("HTTP/1.1 421 "), path + ": " + answer);
            assertFalse(answer.contains("gateways"), answer);
        }
    }

    @Test
    void loopbackNamesAreAnswered() throws IOException {
        assertTrue(get("/admin/gateways", "localhost:" + admin.port()).startsWith("HTTP/1.1 200 "));
        assertTrue(get("/admin/gateways", "127.0.0.1").startsWith("HTTP/1.1 200 "));
        // the status line, not the body: /metrics lists a series for the proxy's own 421 answers
        assertTrue(get("/metrics", "[::1]:1").startsWith("HTTP/1.1 200 "));
    }
}
