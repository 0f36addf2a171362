package dev.portolan.app;

import dev.portolan.controlplane.ControlPlane;
import dev.portolan.kubernetes.mode.KubernetesControlPlane;
import dev.portolan.kubernetes.mode.TokenReviewAuthenticator;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Beans only Kubernetes mode has: provisioned proxies authenticate with their service-account tokens. */
@Factory
@Requires(property = "portolan.mode", value = KubernetesLauncher.MODE)
public class KubernetesModeFactory {

    @Singleton
    @Bean(preDestroy = "close")
    TokenReviewAuthenticator proxyAuthenticator(ControlPlane controlPlane) {
        return new TokenReviewAuthenticator(((KubernetesControlPlane) controlPlane).client(), Clock.systemUTC());
    }
}
