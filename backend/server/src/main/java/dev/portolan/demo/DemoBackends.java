package dev.portolan.demo;

import dev.portolan.echo.EchoOptions;
import dev.portolan.echo.EchoServer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's backends (`./portolan demo` turns them on with {@code portolan.demo.enabled=true}): local echo servers
 * on the ports the demo EndpointSlices name (deploy/examples/demo/30-backends.yaml).
 */
@Context
@Requires(property = "portolan.demo.enabled", value = "true")
public class DemoBackends implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoBackends.class);
    private static final String NAMESPACE = "default";
    private final List<EchoServer> servers = new ArrayList<>();

    public DemoBackends(@Value("${portolan.demo.certificates:deploy/examples/demo-backends}") Path certificates)
            throws Exception {
        try {
            start(EchoOptions.of("echo-demo", NAMESPACE).withHttpPort(9080));
            start(EchoOptions.of("timeout-svc-demo", NAMESPACE).withHttpPort(9081));
            start(EchoOptions.of("store-demo", NAMESPACE).withHttpPort(0).withH2cPort(9082));
            start(EchoOptions.of("chat-demo", NAMESPACE).withHttpPort(9083).withWebSocket(true));
            start(tls("auth-service-demo", 9443, certificates, "auth.example.com"));
            start(tls("dev-service-demo", 9444, certificates, "dev.example.com"));
        } catch (Exception e) {
            close();
            throw e;
        }
        LOG.info("demo backends up on 127.0.0.1: echo 9080, slow echo 9081 (?delay=3s), h2c 9082, WebSocket 9083, "
                + "TLS 9443 (auth.example.com, demo CA) and 9444 (dev.example.com, self-signed)");
    }

    private static EchoOptions tls(String pod, int port, Path certificates, String host) throws IOException {
        String chain = Files.readString(certificates.resolve(host + ".crt"));
        String key = Files.readString(certificates.resolve(host + ".key"));
        return EchoOptions.of(pod, NAMESPACE).withHttpPort(0).withHttps(port, chain, key);
    }

    private void start(EchoOptions options) throws Exception {
        servers.add(EchoServer.start(options));
    }

    @PreDestroy
    @Override
    public void close() {
        for (EchoServer server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("stopping demo backend {} failed", server.options().podName(), e);
            }
        }
        servers.clear();
    }
}
