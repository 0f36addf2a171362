package dev.portolan.proxy;

import dev.portolan.proxy.admin.AdminServer;
import dev.portolan.proxy.edge.EdgeSettings;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.forward.UpstreamSettings;
import dev.portolan.proxy.listen.ApplyResult;
import dev.portolan.proxy.listen.IpLiterals;
import dev.portolan.proxy.listen.ProxyServer;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.proxy.observe.GatewayMetrics;
import dev.portolan.proxy.sync.GatewayRef;
import dev.portolan.proxy.sync.RemoteConfigSource;
import dev.portolan.proxy.sync.TrustedCa;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone proxy: {@code java -cp proxy.jar dev.portolan.proxy.ProxyMain --config-url URL [--gateway NS/NAME]
 * [--bind-address ADDR] [--token-file PATH] [--ca-file PATH] [--insecure-plaintext] [--port-offset N]
 * [--admin-address ADDR] [--admin-port N]}. Starts the proxy server, the admin server and a
 * {@link RemoteConfigSource} polling the control plane, forwarding with {@link HttpForwarder}. In a Kubernetes pod
 * (one proxy per Gateway) it runs with {@code --gateway}, {@code --bind-address 0.0.0.0}, the service-account
 * {@code --token-file}, the control plane's {@code --ca-file} and {@code --admin-address 0.0.0.0} (where only
 * {@code /ready} and {@code /metrics} answer beyond loopback).
 *
 * <p>A token is a credential and configs hold private keys: with {@code --token-file} the config URL must be https
 * unless {@code --insecure-plaintext} says plaintext is meant (development, a mesh that encrypts). With
 * {@code --ca-file} the proxy trusts only that CA for the config URL.
 */
public final class ProxyMain {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyMain.class);
    static final String USAGE = "usage: --config-url URL [--gateway NAMESPACE/NAME] [--bind-address ADDR]"
            + " [--token-file PATH] [--ca-file PATH] [--insecure-plaintext] [--port-offset N] [--admin-address ADDR]"
            + " [--admin-port N]"
            + " [--trusted-hops N] [--merge-slashes true|false] [--header-read-timeout-ms N] [--idle-timeout-ms N]"
            + " [--max-request-header-bytes N] [--max-request-headers N] [--max-request-body-bytes N]"
            + " [--max-connections-per-client N] [--max-concurrent-streams N]"
            + " [--max-connections-per-endpoint N]";

    /**
     * Parsed command line.
     *
     * @param gateway     the only Gateway to serve, or null for every Gateway of the config
     * @param bindAddress the address every Gateway listens on, or null for each Gateway's own address
     * @param tokenFile   file with the bearer token for the control plane, or null to send none
     * @param caFile      PEM file of the only CA trusted for an https config URL, or null for the JVM's trust store
     * @param insecurePlaintext whether an http config URL is accepted with a token file
     * @param edge        what clients may send (trusted hops, path normalization, limits)
     * @param idleTimeoutMillis how long an idle client connection stays open
     * @param upstream    connections to each backend endpoint and the queue beyond them
     */
    record Args(URI configUrl, GatewayRef gateway, String bindAddress, Path tokenFile, Path caFile,
                boolean insecurePlaintext, int portOffset, String adminAddress, int adminPort, EdgeSettings edge,
                long idleTimeoutMillis, UpstreamSettings upstream) {

        Args(URI configUrl, GatewayRef gateway, String bindAddress, Path tokenFile, Path caFile,
             boolean insecurePlaintext, int portOffset, String adminAddress, int adminPort) {
            this(configUrl, gateway, bindAddress, tokenFile, caFile, insecurePlaintext, portOffset, adminAddress,
                    adminPort, EdgeSettings.defaults(), ProxyServerOptions.defaults().idleTimeoutMillis(),
                    UpstreamSettings.defaults());
        }

        static Args parse(String... argv) {
            URI url = null;
            GatewayRef gateway = null;
            String bind = null;
            Path tokenFile = null;
            Path caFile = null;
            boolean insecurePlaintext = false;
            int offset = 0;
            String adminAddress = AdminServer.DEFAULT_HOST;
            int admin = AdminServer.DEFAULT_PORT;
            EdgeSettings edge = EdgeSettings.defaults();
            long idle = ProxyServerOptions.defaults().idleTimeoutMillis();
            UpstreamSettings upstream = UpstreamSettings.defaults();
            for (int i = 0; i < argv.length; i++) {
                String name = argv[i];
                if (!name.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + name + "'; " + USAGE);
                }
                if (name.equals("--insecure-plaintext")) {
                    insecurePlaintext = true;
                    continue;
                }
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = argv[++i];
                switch (name) {
                    case "--config-url" -> url = httpUrl(name, value);
                    case "--gateway" -> gateway = gateway(name, value);
                    case "--bind-address" -> bind = IpLiterals.require(name, value);
                    case "--token-file" -> tokenFile = path(name, value);
                    case "--ca-file" -> caFile = path(name, value);
                    case "--port-offset" -> offset = number(name, value, 0, 65535);
                    case "--admin-address" -> adminAddress = IpLiterals.require(name, value);
                    case "--admin-port" -> admin = number(name, value, 0, 65535);
                    case ProxyTuning.TRUSTED_HOPS -> edge = edge.withTrustedHops(number(name, value, 0, ProxyTuning.MAX_TRUSTED_HOPS));
                    case ProxyTuning.MERGE_SLASHES -> edge = edge.withMergeSlashes(bool(name, value));
                    case ProxyTuning.HEADER_READ_TIMEOUT_MS ->
                            edge = edge.withHeaderReadTimeoutMillis(number(name, value, 1, ProxyTuning.MAX_MILLIS));
                    case ProxyTuning.IDLE_TIMEOUT_MS -> idle = number(name, value, 1, ProxyTuning.MAX_MILLIS);
                    case ProxyTuning.MAX_REQUEST_HEADER_BYTES ->
                            edge = edge.withMaxRequestHeaderBytes(number(name, value, 1024,
                                    EdgeSettings.MAX_REQUEST_HEADER_BYTES_LIMIT));
                    case ProxyTuning.MAX_REQUEST_HEADERS -> edge = edge.withMaxRequestHeaders(number(name, value, 1,
                            ProxyTuning.MAX_HEADER_LINES));
                    case ProxyTuning.MAX_REQUEST_BODY_BYTES ->
                            edge = edge.withMaxRequestBodyBytes(number(name, value, 0, ProxyTuning.MAX_BODY_BYTES));
                    case ProxyTuning.MAX_CONNECTIONS_PER_CLIENT ->
                            edge = edge.withMaxConnectionsPerClient(number(name, value, 1, ProxyTuning.MAX_COUNT));
                    case ProxyTuning.MAX_CONCURRENT_STREAMS ->
                            edge = edge.withMaxConcurrentStreams(number(name, value, 1, ProxyTuning.MAX_COUNT));
                    case ProxyTuning.MAX_CONNECTIONS_PER_ENDPOINT -> upstream =
                            upstream.withMaxConnectionsPerEndpoint(number(name, value, 1, ProxyTuning.MAX_COUNT));
                    default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
                }
            }
            if (url == null) {
                throw new IllegalArgumentException("--config-url is required (the control plane's base URL)");
            }
            boolean https = "https".equals(url.getScheme());
            if (tokenFile != null && !https && !insecurePlaintext) {
                throw new IllegalArgumentException("--config-url " + url + " is plaintext: the token from --token-file"
                        + " and the config's private keys would cross the network unencrypted; use an https URL (with"
                        + " --ca-file), or add --insecure-plaintext if that is really meant");
            }
            if (caFile != null && !https) {
                throw new IllegalArgumentException("--ca-file is for an https config URL; " + url + " is not one");
            }
            return new Args(url, gateway, bind, tokenFile, caFile, insecurePlaintext, offset, adminAddress, admin,
                    edge, idle, upstream);
        }

        private static boolean bool(String name, String value) {
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(name + ": '" + value + "' is not true or false");
            };
        }

        private static URI httpUrl(String name, String value) {
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below, with the expected form
            }
            throw new IllegalArgumentException(name + ": '" + value
                    + "' is not an http(s) URL (e.g. http://portolan.portolan-system:8080)");
        }

        private static GatewayRef gateway(String name, String value) {
            try {
                return GatewayRef.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }

        private static Path path(String name, String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + ": the path is empty");
            }
            return Path.of(value);
        }

        private static int number(String name, String value, int min, int max) {
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + value + "' is not a number");
            }
            if (number < min || number > max) {
                throw new IllegalArgumentException(name + ": " + number + " is not in " + min + ".." + max);
            }
            return number;
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
        SSLContext tls;
        try {
            tls = args.caFile() == null ? null : TrustedCa.sslContext(args.caFile());
        } catch (IllegalArgumentException e) {
            System.err.println("ProxyMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        ProxyServerOptions options = ProxyServerOptions.defaults().withPortOffset(args.portOffset())
                .withBindAddressOverride(args.bindAddress()).withIdleTimeoutMillis(args.idleTimeoutMillis())
                .withEdge(args.edge());
        ProxyServer proxy = new ProxyServer(new HttpForwarder(args.upstream()), options, new GatewayMetrics());
        proxy.start();
        AdminServer admin = new AdminServer(proxy, args.adminAddress(), args.adminPort(),
                args.gateway() == null ? null : args.gateway().toString());
        admin.start();
        RemoteConfigSource source = RemoteConfigSource.withDefaults(args.configUrl(), args.gateway(),
                args.tokenFile(), tls);
        source.start(config -> logFailures(proxy.apply(config)));
        if (args.insecurePlaintext() && !"https".equals(args.configUrl().getScheme())) {
            LOG.warn("--insecure-plaintext: the control-plane token and configs with private keys travel unencrypted"
                    + " to {}", args.configUrl());
        }
        LOG.info("proxy started: config from {} ({}, {}), token {}, listening on {}, port offset {}, admin on {}:{}",
                source.configUri(), args.gateway() == null ? "every Gateway" : "Gateway " + args.gateway(),
                args.caFile() == null ? "default trust" : "trusting only the CA in " + args.caFile(),
                args.tokenFile() == null ? "none" : "from " + args.tokenFile(),
                args.bindAddress() == null ? "each Gateway's address" : args.bindAddress(), args.portOffset(),
                args.adminAddress(), admin.port());
        LOG.info("edge settings: {}, idle timeout {} ms", args.edge(), args.idleTimeoutMillis());
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
