package dev.portolan.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.controlplane.EmbeddedDataPlane;
import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.Protocol;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import dev.portolan.web.OverviewProblems;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * If the control plane and the proxy ever disagree (the proxy refuses what the graph programmed), the overview says
 * so. Simulated by publishing a config the graph would never produce: a listener whose key is not its certificate's.
 */
class ProxyRefusalsTest {
    @Test
    void aGatewayTheInProcessProxyRefusesIsListedOnTheOverview() throws Exception {
        CertificateAuthority ca = TestPki.newCa("Refusals CA", KeyType.RSA);
        IssuedCertificate rsa = ca.leaf().sans("bad.test").keyType(KeyType.RSA).issue();
        IssuedCertificate ec = ca.leaf().sans("bad.test").keyType(KeyType.EC).issue();
        ConfigPublisher publisher = new ConfigPublisher();
        int offset = freeOffset("127.0.0.232", "127.0.0.233");
        try (EmbeddedDataPlane dataPlane = EmbeddedDataPlane.start(publisher, new HttpForwarder(),
                ProxyServerOptions.defaults().withPortOffset(offset), -1)) {
            publisher.publish(ProxyConfig.of(List.of(
                    gateway("good", "127.0.0.232", Protocol.HTTP, List.of()),
                    gateway("bad", "127.0.0.233", Protocol.HTTPS,
                            List.of(new CertificateConfig(rsa.chainPem(), ec.privateKeyPem()))))));

            ObjectNode summary = ProxyRefusals.addTo(JsonNodeFactory.instance.objectNode(), Optional.of(dataPlane));
            List<Map<String, Object>> problems = OverviewProblems.from(summary);

            assertEquals(1, problems.size(), problems.toString());
            Map<String, Object> row = problems.get(0);
            assertEquals("proxy", row.get("category"));
            assertEquals("Refused by the proxy", row.get("title"));
            assertEquals("Gateway/infra/bad", row.get("object"));
            assertTrue(String.valueOf(row.get("message")).endsWith("private key does not match the certificate"),
                    row.toString());
            assertEquals(List.of("good"), dataPlane.proxy().live().config().gateways().stream()
                    .map(GatewayConfig::name).toList(), "the Gateway beside it is served");
        }
    }

    private static GatewayConfig gateway(String name, String address, Protocol protocol,
                                         List<CertificateConfig> certificates) {
        int port = protocol == Protocol.HTTPS ? 443 : 80;
        return new GatewayConfig("infra", name, address, Map.of(), Map.of(), List.of(
                new ListenerConfig("main", port, protocol, null, certificates, List.of())));
    }

    private static int freeOffset(String... addresses) throws Exception {
        for (int candidate = 23_000; candidate < 30_000; candidate += 37) {
            boolean free = true;
            for (String address : addresses) {
                for (int port : new int[] {80, 443}) {
                    try (ServerSocket socket = new ServerSocket(port + candidate, 1, InetAddress.getByName(address))) {
                        // free
                    } catch (Exception e) {
                        free = false;
                    }
                }
            }
            if (free) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free port offset");
    }
}
