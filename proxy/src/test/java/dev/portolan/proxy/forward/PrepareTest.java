package dev.portolan.proxy.forward;

import static dev.portolan.proxy.forward.Configs.config;
import static dev.portolan.proxy.forward.Configs.rule;
import static dev.portolan.proxy.forward.Configs.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.proxy.config.BackendConfig;
import dev.portolan.proxy.config.BackendProtocol;
import dev.portolan.proxy.config.Endpoint;
import dev.portolan.proxy.config.FilterConfig.RequestMirror;
import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.testpki.TestPki;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.GatewayConfig;
import org.junit.jupiter.api.Test;

/** prepare(config) builds one TLS client per distinct backend TLS setting and drops those a new config omits. */
class PrepareTest {

    private static BackendConfig tlsBackend(String name, String sni, String caPem) {
        return new BackendConfig(name, List.of(new Endpoint("127.0.0.1", 8443)), BackendProtocol.HTTP1,
                new UpstreamTls(sni, List.of(caPem), false, List.of(), null), null);
    }

    @Test
    void tlsClientsFollowTheConfig() throws Exception {
        String ca = TestPki.newCa("prepare-ca").certificatePem();
        BackendConfig a = tlsBackend("ns/a:443", "a.example.com", ca);
        BackendConfig sameAsA = tlsBackend("ns/a2:443", "a.example.com", ca);
        BackendConfig mirror = tlsBackend("ns/m:443", "m.example.com", ca);
        BackendConfig broken = new BackendConfig("ns/b:443", List.of(), BackendProtocol.HTTP1,
                new UpstreamTls("b.example.com", List.of(), false, List.of(), "no CA"), null);
        try (HttpForwarder forwarder = new HttpForwarder()) {
            forwarder.prepare(config(rule("/", List.of(new RequestMirror(mirror, 1, 2)), to(a), to(sameAsA),
                    to(broken))));
            assertEquals(2, forwarder.upstreamTlsClients(), "a (shared by a2) and the mirror; broken gets none");
            forwarder.prepare(config(rule("/", List.of(), to(a))));
            assertEquals(1, forwarder.upstreamTlsClients());
            forwarder.prepare(config());
            assertEquals(0, forwarder.upstreamTlsClients());
        }
    }

    /** Settings are kept per Gateway config object: a new config gives what walking all of it gives. */
    @Test
    void keptGatewaySettingsGiveWhatWalkingTheWholeConfigGives() throws Exception {
        String ca = TestPki.newCa("prepare-kept-ca").certificatePem();
        GatewayConfig first = config(rule("/", List.of(), to(tlsBackend("ns/a:443", "a.example.com", ca))))
                .gateways().get(0);
        GatewayConfig second = renamed(config(rule("/", List.of(), to(tlsBackend("ns/b:443", "b.example.com", ca))))
                .gateways().get(0), "other");
        GatewayConfig secondChanged = renamed(config(rule("/", List.of(),
                to(tlsBackend("ns/c:443", "c.example.com", ca)))).gateways().get(0), "other");
        ConfigTls kept = new ConfigTls();
        for (List<GatewayConfig> gateways : List.of(List.of(first, second), List.of(first, secondChanged),
                List.of(first), List.of(first, second), List.<GatewayConfig>of())) {
            ProxyConfig config = new ProxyConfig("1", gateways);
            Set<UpstreamTls> scratch = new HashSet<>();
            gateways.forEach(g -> scratch.addAll(ConfigTls.of(g)));
            assertEquals(scratch, kept.of(config), gateways.toString());
            assertEquals(gateways.size(), (int) gateways.stream().filter(g -> !ConfigTls.of(g).isEmpty()).count());
        }
    }

    private static GatewayConfig renamed(GatewayConfig gateway, String name) {
        return new GatewayConfig(gateway.namespace(), name, gateway.address(), gateway.infrastructureLabels(),
                gateway.infrastructureAnnotations(), gateway.listeners());
    }
}
