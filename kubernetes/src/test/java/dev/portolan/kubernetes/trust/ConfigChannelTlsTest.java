package dev.portolan.kubernetes.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against fabric8's mock API server: the first replica issues the config channel's CA and serving certificate
 * into a Secret and publishes the CA in a ConfigMap; the others read them and create nothing.
 */
class ConfigChannelTlsTest {
    private static final ControlPlaneHome HOME = new ControlPlaneHome("portolan-system", "portolan-controller");
    private final MockApiServer cluster = new MockApiServer();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void theFirstReplicaIssuesTheSecondReadsTheSameAndCreatesNothing() throws Exception {
        ConfigChannelCertificates.Material first = ConfigChannelTls.ensure(cluster.client(), HOME, Instant.now());
        Secret secret = cluster.client().secrets().inNamespace("portolan-system").withName("portolan-config-tls").get();
        ConfigMap ca = cluster.client().configMaps().inNamespace("portolan-system").withName("portolan-config-ca").get();
        assertEquals(first.caCertificate(), ca.getData().get("ca.crt"));
        cluster.drainRequests();

        try (KubernetesClient secondReplica = cluster.newClient()) {
            ConfigChannelCertificates.Material second = ConfigChannelTls.ensure(secondReplica, HOME, Instant.now());
            assertEquals(first, second, "both replicas serve with the same certificate and CA");
        }
        List<String> requests = cluster.drainRequests();
        assertTrue(requests.stream().noneMatch(r -> r.startsWith("POST") || r.startsWith("PUT")),
                "the second replica only reads: " + requests);
        assertEquals(secret.getMetadata().getResourceVersion(), cluster.client().secrets()
                .inNamespace("portolan-system").withName("portolan-config-tls").get().getMetadata()
                .getResourceVersion());
    }

    @Test
    void theServingCertificateIsForTheServiceNamesAndSignedByTheCa() throws Exception {
        ConfigChannelCertificates.Material material = ConfigChannelTls.ensure(cluster.client(), HOME, Instant.now());
        X509Certificate ca = ConfigChannelCertificates.certificate(material.caCertificate());
        X509Certificate serving = ConfigChannelCertificates.certificate(material.certificate());
        serving.verify(ca.getPublicKey());
        assertTrue(ConfigChannelCertificates.dnsNames(serving).containsAll(List.of(
                "portolan-controller.portolan-system.svc", "portolan-controller.portolan-system.svc.cluster.local",
                "portolan-controller")), ConfigChannelCertificates.dnsNames(serving).toString());
        assertEquals(-1, serving.getBasicConstraints(), "the serving certificate is no CA");
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        serving.checkValidity();
    }

    @Test
    void replicasStartingAtOnceEndUpWithOneCa() throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        List<KubernetesClient> clients = new ArrayList<>();
        try {
            List<Callable<ConfigChannelCertificates.Material>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                KubernetesClient client = cluster.newClient();
                clients.add(client);
                starts.add(() -> ConfigChannelTls.ensure(client, HOME, Instant.now()));
            }
            List<ConfigChannelCertificates.Material> results = new ArrayList<>();
            for (Future<ConfigChannelCertificates.Material> started : replicas.invokeAll(starts)) {
                results.add(started.get());
            }
            assertEquals(1, results.stream().distinct().count(), "one CA for all replicas");
        } finally {
            replicas.shutdownNow();
            clients.forEach(KubernetesClient::close);
        }
    }

    @Test
    void aDamagedSecretStopsStartUpNamingTheSecretAndKey() {
        cluster.client().secrets().inNamespace("portolan-system").resource(new SecretBuilder().withNewMetadata()
                .withName("portolan-config-tls").withNamespace("portolan-system").endMetadata()
                .withStringData(Map.of("ca.crt", "not pem", "tls.crt", "x", "tls.key", "y")).build()).create();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ConfigChannelTls.ensure(cluster.client(), HOME, Instant.now()));
        assertTrue(e.getMessage().contains("Secret portolan-system/portolan-config-tls"), e.getMessage());
        assertTrue(e.getMessage().contains("delete the Secret"), e.getMessage());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAtStartUp() {
        ConfigChannelCertificates.Material mine = ConfigChannelCertificates.issue(HOME.serviceDnsNames(), Instant.now());
        ConfigChannelCertificates.Material other = ConfigChannelCertificates.issue(HOME.serviceDnsNames(),
                Instant.now());
        cluster.client().secrets().inNamespace("portolan-system").resource(new SecretBuilder().withNewMetadata()
                .withName("portolan-config-tls").withNamespace("portolan-system").endMetadata()
                .withStringData(Map.of("ca.crt", mine.caCertificate(), "tls.crt", mine.certificate(),
                        "tls.key", other.privateKey())).build()).create();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ConfigChannelTls.ensure(cluster.client(), HOME, Instant.now()));
        assertTrue(e.getMessage().contains("private key does not match the certificate"), e.getMessage());
        assertTrue(e.getMessage().contains("delete the Secret"), e.getMessage());
    }

    @Test
    void aCertificateForAnotherServiceIsRefused() {
        ConfigChannelTls.ensure(cluster.client(), HOME, Instant.now());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConfigChannelTls.ensure(
                cluster.client(), new ControlPlaneHome("portolan-system", "renamed"), Instant.now()));
        assertTrue(e.getMessage().contains("data.tls.crt is for"), e.getMessage());
    }

    @Test
    void twoReplicasShareOneWriteToken() {
        String first = SharedApiToken.ensure(cluster.client(), HOME);
        try (KubernetesClient secondReplica = cluster.newClient()) {
            assertEquals(first, SharedApiToken.ensure(secondReplica, HOME));
        }
        assertTrue(first.length() >= 32, first);
        assertNotEquals(first, SharedApiToken.ensure(cluster.client(),
                new ControlPlaneHome("elsewhere", "portolan-controller")), "another install has its own token");
        assertFalse(first.isBlank());
    }
}
