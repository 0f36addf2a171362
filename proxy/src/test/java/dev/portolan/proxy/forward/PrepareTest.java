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
}
