package dev.portolan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.wiring.PortolanConfig;
import dev.portolan.kubernetes.mode.KubernetesModeOptions;
import dev.portolan.kubernetes.provision.ProvisionSettings;
import dev.portolan.kubernetes.trust.ControlPlaneHome;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings become Kubernetes-mode options; a wrong one stops start-up naming the setting. */
class KubernetesLauncherTest {
    @Test
    void settingsBecomeOptions() {
        KubernetesSettings settings = new KubernetesSettings();
        settings.setNamespaces(List.of("shop", "edge"));
        settings.setServiceType("NodePort");
        settings.setLeaseNamespace("portolan-system");
        settings.setIdentity("replica-1");
        KubernetesModeOptions options = KubernetesLauncher.options(new PortolanConfig(), settings);
        assertEquals(List.of("edge", "shop"), options.store().namespaces());
        assertEquals("NodePort", options.provisioning().orElseThrow().serviceType());
        assertEquals("replica-1", options.leaderElection().orElseThrow().identity());
        assertEquals("portolan.dev/gateway-controller", options.store().controllerName());
    }

    @Test
    void provisionedProxiesGetTheProxySettings() {
        PortolanConfig config = new PortolanConfig();
        config.getProxy().setTrustedHops(1);
        config.getProxy().setMaxRequestBodyBytes(1_048_576);
        config.getProxy().setIdleTimeout(java.time.Duration.ofSeconds(5));
        config.getProxy().setMaxConnectionsPerEndpoint(64);
        KubernetesModeOptions options = KubernetesLauncher.options(config, new KubernetesSettings());
        ProvisionSettings provisioning = options.provisioning().orElseThrow();
        assertEquals(1, provisioning.proxy().edge().trustedHops());
        assertEquals(1_048_576, provisioning.proxy().edge().maxRequestBodyBytes());
        assertEquals(5_000, provisioning.proxy().idleTimeoutMillis());
        assertEquals(64, provisioning.proxy().upstream().maxConnectionsPerEndpoint());
    }

    @Test
    void aProxySettingTheProxyCommandLineRefusesStopsStartUpNamingIt() {
        PortolanConfig config = new PortolanConfig();
        config.getProxy().setTrustedHops(65);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> KubernetesLauncher.options(config, new KubernetesSettings()));
        assertTrue(e.getMessage().contains("portolan.proxy") && e.getMessage().contains("--trusted-hops 65"),
                e.getMessage());
    }

    @Test
    void provisioningAndLeaderElectionCanBeTurnedOff() {
        KubernetesSettings settings = new KubernetesSettings();
        settings.setProvision(false);
        settings.setLeaderElection(false);
        KubernetesModeOptions options = KubernetesLauncher.options(new PortolanConfig(), settings);
        assertTrue(options.provisioning().isEmpty());
        assertTrue(options.leaderElection().isEmpty());
    }

    @Test
    void aWrongServiceTypeStopsStartUpNamingTheSetting() {
        KubernetesSettings settings = new KubernetesSettings();
        settings.setServiceType("LoadBalancr");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> KubernetesLauncher.options(new PortolanConfig(), settings));
        assertTrue(e.getMessage().contains("service-type"), e.getMessage());
        assertTrue(e.getMessage().contains("'LoadBalancr' is not one of"), e.getMessage());
    }

    @Test
    void inAPodTheReplicasShareSecretsInTheirNamespaceAndProxiesUseHttps() {
        KubernetesSettings settings = new KubernetesSettings();
        settings.setSharedSecrets(true);
        settings.setControlPlaneNamespace("gateways");
        KubernetesModeOptions options = KubernetesLauncher.options(new PortolanConfig(), settings);
        assertEquals(new ControlPlaneHome("gateways", "portolan-controller"), options.home().orElseThrow());
        assertTrue(options.provisioning().orElseThrow().controlPlaneUrl().startsWith("https://"),
                "proxies pull their configs over TLS by default");
        settings.setSharedSecrets(false);
        assertTrue(KubernetesLauncher.options(new PortolanConfig(), settings).home().isEmpty());
    }

    @Test
    void aControlPlaneServiceThatIsNoDnsLabelStopsStartUpNamingTheSetting() {
        KubernetesSettings settings = new KubernetesSettings();
        settings.setSharedSecrets(true);
        settings.setControlPlaneService("Portolan_Controller");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> KubernetesLauncher.options(new PortolanConfig(), settings));
        assertTrue(e.getMessage().contains("control-plane-service"), e.getMessage());
    }
}
