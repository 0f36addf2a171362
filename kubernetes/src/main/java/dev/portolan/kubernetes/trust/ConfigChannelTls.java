package dev.portolan.kubernetes.trust;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS of the config channel (proxies pulling configs, which hold listener private keys, with their
 * service-account tokens): the first replica to start issues a CA and a serving certificate for the control
 * plane's Service into Secret {@value ControlPlaneHome#TLS_SECRET}; every replica serves HTTPS with what that Secret
 * holds, and publishes the CA certificate in ConfigMap {@value ControlPlaneHome#CA_CONFIG_MAP} (provisioned proxies
 * get their own copy in their namespace, see the provisioner).
 */
public final class ConfigChannelTls {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigChannelTls.class);
    static final String CA_KEY = "ca.crt";
    static final String CERTIFICATE_KEY = "tls.crt";
    static final String PRIVATE_KEY_KEY = "tls.key";

    private ConfigChannelTls() {
    }

    /**
     * Reads (or first creates) the Secret and keeps the CA ConfigMap in step with it.
     *
     * @throws IllegalStateException when the Secret exists but does not hold usable material for these names,
     *                               naming the Secret, the key and what is wrong
     */
    public static ConfigChannelCertificates.Material ensure(KubernetesClient client, ControlPlaneHome home,
                                                            Instant now) {
        Secret secret = SharedObjects.secret(client, home.namespace(), ControlPlaneHome.TLS_SECRET, () -> {
            ConfigChannelCertificates.Material issued = ConfigChannelCertificates.issue(home.serviceDnsNames(), now);
            LOG.info("config channel: issued a CA and a serving certificate for {} into Secret {}/{}",
                    home.serviceDnsNames(), home.namespace(), ControlPlaneHome.TLS_SECRET);
            return Map.of(CA_KEY, issued.caCertificate(), CERTIFICATE_KEY, issued.certificate(),
                    PRIVATE_KEY_KEY, issued.privateKey());
        });
        ConfigChannelCertificates.Material material = read(secret, home);
        SharedObjects.configMap(client, home.namespace(), ControlPlaneHome.CA_CONFIG_MAP,
                Map.of(CA_KEY, material.caCertificate()));
        return material;
    }

    /** What the Secret holds, checked: each key present and parseable, the certificate for the Service's names. */
    static ConfigChannelCertificates.Material read(Secret secret, ControlPlaneHome home) {
        String where = "Secret " + home.namespace() + "/" + ControlPlaneHome.TLS_SECRET;
        String ca = value(secret, CA_KEY, where);
        String certificate = value(secret, CERTIFICATE_KEY, where);
        String key = value(secret, PRIVATE_KEY_KEY, where);
        X509Certificate serving;
        try {
            ConfigChannelCertificates.certificate(ca);
            serving = ConfigChannelCertificates.certificate(certificate);
            ConfigChannelCertificates.privateKey(key, serving);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": " + e.getMessage()
                    + "; delete the Secret to have a new CA issued", e);
        }
        var names = new HashSet<>(ConfigChannelCertificates.dnsNames(serving));
        if (!names.containsAll(home.serviceDnsNames())) {
            throw new IllegalStateException(where + ": data." + CERTIFICATE_KEY + " is for " + names + ", not for "
                    + home.serviceDnsNames() + "; delete the Secret to have a new CA issued for this Service");
        }
        return new ConfigChannelCertificates.Material(ca, certificate, key);
    }

    private static String value(Secret secret, String key, String where) {
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        if (encoded == null && secret.getStringData() != null) {
            // the mock API server (and only it) may echo stringData as written
            return secret.getStringData().get(key);
        }
        if (encoded == null || encoded.isEmpty()) {
            throw new IllegalStateException(where + ": data." + key + " is missing; delete the Secret to have a new"
                    + " CA issued");
        }
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": data." + key + " is not base64", e);
        }
    }
}
