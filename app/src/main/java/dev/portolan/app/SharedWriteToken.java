package dev.portolan.app;

import dev.portolan.api.access.ApiAccessSettings;
import dev.portolan.controlplane.ControlPlane;
import dev.portolan.kubernetes.mode.KubernetesControlPlane;
import dev.portolan.kubernetes.trust.ControlPlaneHome;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes mode: unless {@code portolan.api.write-token} is set, the write token is the one every replica reads
 * from Secret {@value ControlPlaneHome#API_TOKEN_SECRET}, not one generated per replica (a write through the
 * Service would then succeed only on the replica that generated it). The seam is the configured write token
 * itself: the access code sees a configured token and generates none.
 */
@Singleton
@Requires(property = "portolan.mode", value = KubernetesLauncher.MODE)
public class SharedWriteToken implements BeanCreatedEventListener<ApiAccessSettings> {
    private static final Logger LOG = LoggerFactory.getLogger(SharedWriteToken.class);
    private final BeanProvider<ControlPlane> controlPlane;

    public SharedWriteToken(BeanProvider<ControlPlane> controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Override
    public ApiAccessSettings onCreated(BeanCreatedEvent<ApiAccessSettings> event) {
        ApiAccessSettings settings = event.getBean();
        if (settings.getWriteToken().isBlank()
                && controlPlane.get() instanceof KubernetesControlPlane kubernetes) {
            kubernetes.sharedWriteToken().ifPresent(token -> {
                settings.setWriteToken(token);
                LOG.info("API write token: shared by every replica, from Secret {} (kubectl get secret {} -o"
                        + " jsonpath='{.data.token}' | base64 -d)", ControlPlaneHome.API_TOKEN_SECRET,
                        ControlPlaneHome.API_TOKEN_SECRET);
            });
        }
        return settings;
    }
}
