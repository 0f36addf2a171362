package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.config.PathMatch;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;
import dev.portolan.proxy.config.WeightedBackend;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyPurpose;
import dev.portolan.testpki.KeyType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Short builders for listener tests: Gateways, listeners and one-rule routes. */
public final class ListenFixtures {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private ListenFixtures() {
    }

    public static GatewayConfig gateway(String name, String address, Map<String, String> labels,
            ListenerConfig... listeners) {
        return new GatewayConfig("infra", name, address, labels, Map.of("owner", "team-" + name), List.of(listeners));
    }

    public static ListenerConfig http(String name, int port, String hostname, RouteConfig... routes) {
        return new ListenerConfig(name, port, Protocol.HTTP, hostname, List.of(), List.of(routes));
    }

    public static ListenerConfig https(String name, int port, String hostname, CertificateConfig cert,
            RouteConfig... routes) {
        return new ListenerConfig(name, port, Protocol.HTTPS, hostname, List.of(cert), List.of(routes));
    }

    /** A route with one rule named {@code ruleName} matching PathPrefix {@code prefix}. */
    /** A server certificate for {@code dnsName} signed by {@code ca}, as the control plane sends it: chain and key PEM. */
    public static CertificateConfig serverCertificate(CertificateAuthority ca, String dnsName, KeyType type,
            KeyFormat format) {
        IssuedCertificate leaf = ca.leaf().sans(dnsName).keyType(type).purposes(KeyPurpose.SERVER_AUTH).issue();
        return new CertificateConfig(leaf.chainPem(), leaf.privateKeyPem(format));
    }

    public static RouteConfig route(String name, String prefix, String ruleName) {
        BackendConfig backend = new BackendConfig("default/svc:80", List.of(new Endpoint("10.0.0.1", 8080)),
                BackendProtocol.HTTP1, null, null);
        RuleConfig rule = new RuleConfig(0, ruleName,
                List.of(new MatchConfig(PathMatch.prefix(prefix), List.of(), List.of(), null)), List.of(),
                List.of(new WeightedBackend(1, backend, List.of())), null, null);
        return new RouteConfig("apps", name, T0, List.of(), List.of(rule));
    }

    /**
     * A port offset such that {@code specPort + offset} is free on every address. Socket ports are kept below the
     * ephemeral range (32768+ on Linux): there, a client connection's local port could take a port that a later
     * apply wants to listen on. Found by binding, so a race with another process is possible but unlikely.
     */
    public static int freeOffset(List<Integer> specPorts, String... addresses) throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = 20_000 + random.nextInt(12_000) - specPorts.get(0);
            if (allFree(specPorts, offset, addresses)) {
                return offset;
            }
        }
        throw new IOException("no free port offset found for " + specPorts + " on " + List.of(addresses));
    }

    private static boolean allFree(List<Integer> specPorts, int offset, String... addresses) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String address : addresses) {
                for (int spec : specPorts) {
                    int port = spec + offset;
                    if (port > 65535) {
                        return false;
                    }
                    ServerSocket socket = new ServerSocket();
                    held.add(socket);
                    socket.bind(new InetSocketAddress(address, port));
                }
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // probing only
                }
            }
        }
    }
}
