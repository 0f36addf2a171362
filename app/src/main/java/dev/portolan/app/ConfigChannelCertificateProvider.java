package dev.portolan.app;

import dev.portolan.controlplane.ControlPlane;
import dev.portolan.kubernetes.mode.KubernetesControlPlane;
import dev.portolan.kubernetes.trust.ConfigChannelCertificates;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.ssl.CertificateProvider;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.KeyStore;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The HTTPS listener's key material ({@code micronaut.server.ssl.key-name}, see application-kubernetes.yml): the
 * config channel's serving certificate and key from the Secret every replica shares, so that a proxy trusting that
 * Secret's CA can reach any replica behind the Service.
 */
@Singleton
@Named(ConfigChannelCertificateProvider.NAME)
@Requires(property = "portolan.mode", value = KubernetesLauncher.MODE)
public class ConfigChannelCertificateProvider implements CertificateProvider {
    public static final String NAME = "portolan-config-channel";

    private final ControlPlane controlPlane;
    private final String keyPassword;

    public ConfigChannelCertificateProvider(ControlPlane controlPlane,
                                            @Value("${micronaut.server.ssl.key.password:portolan-in-memory}")
                                            String keyPassword) {
        this.controlPlane = controlPlane;
        this.keyPassword = keyPassword;
    }

    @Override
    public Publisher<KeyStore> getKeyStore() {
        return Mono.fromCallable(() -> {
            ConfigChannelCertificates.Material material = ((KubernetesControlPlane) controlPlane).configChannelTls()
                    .orElseThrow(() -> new IllegalStateException("the HTTPS listener needs the config channel's"
                            + " certificate, but portolan.kubernetes.shared-secrets is off"));
            return ConfigChannelCertificates.keyStore(material, keyPassword.toCharArray());
        });
    }

    @Override
    public String getName() {
        return NAME;
    }
}
