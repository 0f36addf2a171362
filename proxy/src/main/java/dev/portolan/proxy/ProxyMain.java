package dev.portolan.proxy;

import dev.portolan.proxy.admin.AdminServer;
import dev.portolan.proxy.admin.GatewayMetrics;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.ApplyResult;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.sync.RemoteConfigSource;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone proxy: {@code java -cp proxy.jar dev.portolan.proxy.ProxyMain --config-url URL [--port-offset N]
 * [--admin-port N]}. Starts the proxy server, the admin server and a {@link RemoteConfigSource} polling the
 * control plane, forwarding with {@link HttpForwarder}.
 */
public final class ProxyMain {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyMain.class);

    /** Parsed command line. */
    record Args(URI configUrl, int portOffset, int adminPort) {
        static Args parse(String... argv) {
            URI url = null;
            int offset = 0;
            int admin = AdminServer.DEFAULT_PORT;
            for (int i = 0; i < argv.length; i++) {
                String name = argv[i];
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = argv[++i];
                switch (name) {
                    case "--config-url" -> url = URI.create(value);
                    case "--port-offset" -> offset = number(name, value);
                    case "--admin-port" -> admin = number(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name
                            + "; usage: --config-url URL [--port-offset N] [--admin-port N]");
                }
            }
            if (url == null) {
                throw new IllegalArgumentException("--config-url is required (the control plane's base URL)");
            }
            return new Args(url, offset, admin);
        }

        private static int number(String name, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + value + "' is not a number");
            }
        }
    }

    private ProxyMain() {
    }

    public static void main(String[] argv) throws Exception {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("ProxyMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        ProxyServer proxy = new ProxyServer(new HttpForwarder(), ProxyServerOptions.defaults().withPortOffset(args.portOffset()),
                new GatewayMetrics());
        proxy.start();
        AdminServer admin = new AdminServer(proxy, AdminServer.DEFAULT_HOST, args.adminPort());
        admin.start();
        RemoteConfigSource source = RemoteConfigSource.withDefaults(args.configUrl());
        source.start(config -> logFailures(proxy.apply(config)));
        LOG.info("proxy started: config from {}, port offset {}, admin on {}:{}", args.configUrl(),
                args.portOffset(), AdminServer.DEFAULT_HOST, admin.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            source.close();
            try {
                admin.close();
            } catch (Exception e) {
                LOG.warn("admin server did not stop cleanly: {}", e.toString());
            }
            proxy.close();
            stopped.countDown();
        }, "portolan-shutdown"));
        stopped.await();
    }

    private static void logFailures(ApplyResult result) {
        result.openFailures().forEach((socket, reason) ->
                LOG.warn("config version {}: socket {} is not open: {}", result.version(), socket, reason));
    }
}
