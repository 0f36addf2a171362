package dev.portolan.app;

import dev.portolan.wiring.PortolanConfig;
import dev.portolan.controlplane.ControlPlane;
import dev.portolan.controlplane.ControlPlaneLauncher;
import dev.portolan.kubernetes.KubernetesStoreOptions;
import dev.portolan.kubernetes.ha.LeaderElectionSettings;
import dev.portolan.kubernetes.mode.KubernetesControlPlane;
import dev.portolan.kubernetes.mode.KubernetesModeOptions;
import dev.portolan.kubernetes.provision.ProvisionSettings;
import dev.portolan.kubernetes.trust.ControlPlaneHome;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micronaut.context.exceptions.ConfigurationException;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes mode: the cluster is the store. The client finds the cluster as kubectl does (KUBECONFIG or
 * ~/.kube/config and its current context, else the pod's service account).
 */
@Singleton
public class KubernetesLauncher implements ControlPlaneLauncher {
    public static final String MODE = "kubernetes";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesLauncher.class);

    private final PortolanConfig config;
    private final KubernetesSettings settings;

    public KubernetesLauncher(PortolanConfig config, KubernetesSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    public ControlPlane start() {
        KubernetesClient client = new KubernetesClientBuilder()
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
        LOG.info("Kubernetes mode: API server {}, namespaces {}, provisioning {}, leader election {}",
                client.getMasterUrl(), settings.getNamespaces().isEmpty() ? "all" : settings.getNamespaces(),
                settings.isProvision() ? "on" : "off", settings.isLeaderElection() ? "on" : "off");
        return KubernetesControlPlane.start(client, options(config, settings), true);
    }

    static KubernetesModeOptions options(PortolanConfig config, KubernetesSettings settings) {
        KubernetesStoreOptions store = new KubernetesStoreOptions(settings.getNamespaces(),
                config.getControllerName(), settings.getResync().toMillis());
        Optional<ProvisionSettings> provisioning = settings.isProvision()
                ? Optional.of(withProxy(provisionSettings(settings), config.getProxy()))
                : Optional.empty();
        Optional<LeaderElectionSettings> election = settings.isLeaderElection()
                ? Optional.of(LeaderElectionSettings.defaults(settings.getLeaseNamespace(), settings.getIdentity()))
                : Optional.empty();
        KubernetesModeOptions options = new KubernetesModeOptions(store, provisioning, election,
                settings.getReconcilePeriod());
        if (!settings.isSharedSecrets()) {
            return options;
        }
        try {
            return options.withHome(new ControlPlaneHome(settings.getControlPlaneNamespace(),
                    settings.getControlPlaneService()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("portolan.kubernetes (control-plane-namespace, control-plane-service): "
                    + e.getMessage(), e);
        }
    }

    /** Provisioned proxies are tuned as portolan.proxy.* says, as the embedded proxy is. */
    private static ProvisionSettings withProxy(ProvisionSettings provisioning, PortolanConfig.ProxySettings proxy) {
        try {
            return provisioning.withProxy(proxy.tuning());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("portolan.proxy (the provisioned proxies' settings): "
                    + e.getMessage(), e);
        }
    }

    private static ProvisionSettings provisionSettings(KubernetesSettings settings) {
        try {
            return new ProvisionSettings(settings.getProxyImage(), settings.getControlPlaneUrl(),
                    settings.getServiceType(), settings.getProxyAdminPort());
        } catch (IllegalArgumentException e) {
            // start-up stops here, before touching the cluster, naming the settings to fix
            throw new ConfigurationException("portolan.kubernetes (proxy-image, control-plane-url, service-type, "
                    + "proxy-admin-port): " + e.getMessage(), e);
        }
    }
}
