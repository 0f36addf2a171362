package dev.portolan.proxy.listen;

import static dev.portolan.proxy.listen.ListenFixtures.freeOffset;
import static dev.portolan.proxy.listen.ListenFixtures.gateway;
import static dev.portolan.proxy.listen.ListenFixtures.https;
import static dev.portolan.proxy.listen.ListenFixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.admin.AdminServer;
import dev.portolan.proxy.config.CertificateConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.observe.GatewayMetrics;
import dev.portolan.testpki.CertificateAuthority;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyFormat;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's own defence: a Gateway it cannot serve (here an RSA certificate paired with an EC key, which the control
 * plane would have refused first) is refused alone and keeps its previous version, while the other Gateway moves
 * on; the refusal shows on /ready and /metrics and clears once the Gateway is fixed.
 */
class GatewayIsolationTest {
    static final String GOOD = "127.0.0.206";
    static final String BAD = "127.0.0.207";
    static final Map<String, String> HOSTS = Map.of("good.example.test", GOOD, "bad.example.test", BAD);

    private CertificateAuthority ca;
    private CertificateConfig goodCert;
    private CertificateConfig badCert;
    private CertificateConfig mismatched;
    private ProxyServer proxy;
    private AdminServer admin;
    private org.eclipse.jetty.client.HttpClient client;
    private int port;

    @BeforeEach
    void start() throws Exception {
        ca = TestPki.newCa("Isolation CA", KeyType.RSA);
        goodCert = ListenFixtures.serverCertificate(ca, "good.example.test", KeyType.RSA, KeyFormat.PKCS8);
        badCert = ListenFixtures.serverCertificate(ca, "bad.example.test", KeyType.RSA, KeyFormat.PKCS8);
        IssuedCertificate ecKeyOwner = ca.leaf().sans("other.example.test").keyType(KeyType.EC).issue();
        mismatched = new CertificateConfig(badCert.certificateChainPem(), ecKeyOwner.privateKeyPem(KeyFormat.PKCS8));
        int offset = freeOffset(List.of(443), GOOD, BAD);
        port = 443 + offset;
        proxy = new ProxyServer(new TestForwarder(), ProxyServerOptions.defaults().withPortOffset(offset),
                new GatewayMetrics());
        proxy.start();
        admin = new AdminServer(proxy, "127.0.0.1", 0);
        admin.start();
        client = TestClients.http1Tls(HOSTS, TestClients.tls(ca.trustStore(), null));
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        admin.close();
        proxy.close();
    }

    private ProxyConfig config(long version, CertificateConfig forBad, String goodRoute, String badRoute) {
        return new ProxyConfig(String.valueOf(version), List.of(
                gateway("gw-good", GOOD, Map.of(), https("tls", 443, "good.example.test", goodCert,
                        route(goodRoute, "/", "rule"))),
                gateway("gw-bad", BAD, Map.of(), https("tls", 443, "bad.example.test", forBad,
                        route(badRoute, "/", "rule")))));
    }

    @Test
    void aGatewayWhoseKeyDoesNotFitIsRefusedAloneAndTheOtherGatewayKeepsUpdating() throws Exception {
        assertTrue(proxy.apply(config(1, badCert, "good-v1", "bad-v1")).ok());
        assertEquals("apps/bad-v1", get("bad.example.test").getHeaders().get("X-Route"));
        assertTrue(admin("/ready").body().startsWith("ready: config version 1"));

        ApplyResult result = proxy.apply(config(2, mismatched, "good-v2", "bad-v2"));

        assertEquals(List.of("infra/gw-bad"), List.copyOf(result.refusedGateways().keySet()));
        assertTrue(result.refusedGateways().get("infra/gw-bad").endsWith("certificates[0].privateKeyPem: private key "
                + "is EC but the certificate's public key is RSA; private key does not match the certificate"),
                result.refusedGateways().toString());
        ContentResponse good = get("good.example.test");
        assertEquals("apps/good-v2", good.getHeaders().get("X-Route"), "the other Gateway moved on");
        assertEquals("2", good.getHeaders().get("X-Version"));
        assertEquals("apps/bad-v1", get("bad.example.test").getHeaders().get("X-Route"),
                "the refused Gateway keeps serving its previous config, certificate included");

        HttpResponse<String> ready = admin("/ready");
        assertEquals(200, ready.statusCode(), "the last good config still serves: stay in the Service");
        assertTrue(ready.body().startsWith("degraded: serving config version 2; config version 2; Gateway "
                + "infra/gw-bad refused ("), ready.body());
        String metrics = admin("/metrics").body();
        assertTrue(metrics.contains("\nportolan_config_refused_gateways 1\n"), metrics);
        assertTrue(metrics.contains("\nportolan_config_refusals_total{scope=\"gateway\"} 1\n"), metrics);

        assertTrue(proxy.apply(config(3, badCert, "good-v3", "bad-v3")).ok());
        assertEquals("apps/bad-v3", get("bad.example.test").getHeaders().get("X-Route"));
        assertTrue(admin("/ready").body().startsWith("ready: config version 3"));
        assertTrue(admin("/metrics").body().contains("\nportolan_config_refused_gateways 0\n"));
    }

    @Test
    void aNewGatewayThatCannotBeServedIsLeftOutAndTheRestIsServed() throws Exception {
        ProxyConfig onlyGood = new ProxyConfig("1", List.of(config(1, mismatched, "good-v1", "bad-v1").gateways().get(0)));
        assertTrue(proxy.apply(onlyGood).ok());

        ApplyResult result = proxy.apply(config(2, mismatched, "good-v2", "bad-v2"));

        assertEquals(List.of("infra/gw-bad"), List.copyOf(result.refusedGateways().keySet()));
        assertEquals(List.of("gw-good"), proxy.live().config().gateways().stream().map(g -> g.name()).toList());
        assertEquals("apps/good-v2", get("good.example.test").getHeaders().get("X-Route"));
    }

    private ContentResponse get(String host) throws Exception {
        return client.newRequest("https://" + host + ":" + port + "/").timeout(5, TimeUnit.SECONDS).send();
    }

    private HttpResponse<String> admin(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + admin.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
