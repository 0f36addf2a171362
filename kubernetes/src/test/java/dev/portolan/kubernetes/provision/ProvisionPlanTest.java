package dev.portolan.kubernetes.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.graph.GatewayView;
import dev.portolan.graph.ListenerView;
import dev.portolan.model.ResourceKey;
import dev.portolan.proxy.ProxyTuning;
import dev.portolan.proxy.edge.EdgeSettings;
import dev.portolan.proxy.forward.UpstreamSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ProvisionPlanTest {
    private static final ProvisionSettings SETTINGS = ProvisionSettings.defaults("http://portolan.portolan-system:8080");

    static GatewayView gateway(String name, Map<String, String> labels, Map<String, String> annotations,
                               int... ports) {
        List<ListenerView> listeners = new java.util.ArrayList<>();
        for (int port : ports) {
            listeners.add(new ListenerView("l" + port, port, "HTTP", null, List.of(), List.of(), List.of(),
                    new TreeSet<>()));
        }
        return new GatewayView(ResourceKey.of("gateway.networking.k8s.io", "Gateway", "apps", name), "portolan",
                List.of(), new TreeMap<>(labels), new TreeMap<>(annotations), List.of(), listeners);
    }

    @Test
    void serviceAccountDeploymentAndServiceCarryLabelsAnnotationsAndOwner() {
        List<HasMetadata> objects = ProvisionPlan.desired(
                gateway("gw", Map.of("team", "blue"), Map.of("cost-center", "42"), 80), "uid-1", SETTINGS);

        assertEquals(List.of("ServiceAccount", "Deployment", "Service"),
                objects.stream().map(HasMetadata::getKind).toList());
        for (HasMetadata object : objects) {
            assertEquals("portolan-gw", object.getMetadata().getName());
            assertEquals("apps", object.getMetadata().getNamespace());
            assertEquals(Map.of("team", "blue", "gateway.networking.k8s.io/gateway-name", "gw",
                    "app.kubernetes.io/managed-by", "portolan-provisioner"), object.getMetadata().getLabels());
            assertEquals("42", object.getMetadata().getAnnotations().get("cost-center"));
            assertTrue(object.getMetadata().getAnnotations().containsKey(ProvisionNames.DESIRED_HASH_ANNOTATION));
            OwnerReference owner = object.getMetadata().getOwnerReferences().get(0);
            assertEquals(List.of("gateway.networking.k8s.io/v1", "Gateway", "gw", "uid-1", true),
                    List.of(owner.getApiVersion(), owner.getKind(), owner.getName(), owner.getUid(),
                            owner.getController()));
        }
        Deployment deployment = (Deployment) objects.get(1);
        assertEquals("blue", deployment.getSpec().getTemplate().getMetadata().getLabels().get("team"));
        assertEquals("gw", deployment.getSpec().getTemplate().getMetadata().getLabels()
                .get("gateway.networking.k8s.io/gateway-name"));
        assertEquals("42", deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("cost-center"));
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(),
                ((Service) objects.get(2)).getSpec().getSelector());
        assertEquals(((ServiceAccount) objects.get(0)).getMetadata().getName(),
                deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
    }

    @Test
    void deploymentRunsTheProxyWithListenerPortsAndReadinessOnAdmin() {
        Deployment deployment = (Deployment) ProvisionPlan.desired(
                gateway("gw", Map.of(), Map.of(), 8080, 80, 80), "uid-1", SETTINGS).get(1);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertEquals("portolan:latest", container.getImage());
        assertEquals(List.of("dev.portolan.proxy.ProxyMain", "--config-url", "http://portolan.portolan-system:8080",
                "--gateway", "apps/gw", "--bind-address", "0.0.0.0",
                "--token-file", "/var/run/secrets/portolan.dev/serviceaccount/token", "--insecure-plaintext",
                "--admin-address", "0.0.0.0", "--admin-port", "9901"), container.getArgs());
        assertEquals(List.of(80, 8080, 9901), container.getPorts().stream().map(ContainerPort::getContainerPort).toList());
        assertEquals("/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals(9901, container.getReadinessProbe().getHttpGet().getPort().getIntVal());
        assertEquals("IfNotPresent", deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImagePullPolicy(), "an image loaded into the nodes is used as is");
        var podSecurity = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
        assertEquals(true, podSecurity.getRunAsNonRoot());
        assertEquals("net.ipv4.ip_unprivileged_port_start=0", podSecurity.getSysctls().get(0).getName() + "="
                + podSecurity.getSysctls().get(0).getValue(), "non-root proxies may bind ports 80 and 443");
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(false, pod.getAutomountServiceAccountToken(), "the proxy gets no API-server token");
        var projected = pod.getVolumes().get(0).getProjected().getSources().get(0).getServiceAccountToken();
        assertEquals("portolan.dev/control-plane", projected.getAudience(),
                "the token the proxy shows the control plane is bound to the control plane, not the API server");
        assertEquals("token", projected.getPath());
        assertEquals("/var/run/secrets/portolan.dev/serviceaccount",
                container.getVolumeMounts().get(0).getMountPath(), "the --token-file directory");
        assertEquals(pod.getVolumes().get(0).getName(), container.getVolumeMounts().get(0).getName());
    }

    @Test
    void withTheControlPlanesCaTheProxyTrustsOnlyItOverHttps() {
        String ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        ProvisionSettings tls = ProvisionSettings.defaults("https://portolan-controller.portolan-system.svc:8443")
                .withControlPlaneCa(ca);
        List<HasMetadata> objects = ProvisionPlan.desired(gateway("gw", Map.of(), Map.of(), 80), "uid-1", tls);
        assertEquals(List.of("ServiceAccount", "ConfigMap", "Deployment", "Service"),
                objects.stream().map(HasMetadata::getKind).toList());
        ConfigMap configMap = (ConfigMap) objects.get(1);
        assertEquals("portolan-gw", configMap.getMetadata().getName());
        assertEquals("apps", configMap.getMetadata().getNamespace(), "a pod mounts ConfigMaps of its namespace only");
        assertEquals(Map.of("ca.crt", ca), configMap.getData());

        var pod = ((Deployment) objects.get(2)).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        List<String> args = container.getArgs();
        assertEquals("/var/run/secrets/portolan.dev/control-plane-ca/ca.crt", args.get(args.indexOf("--ca-file") + 1));
        assertTrue(!args.contains("--insecure-plaintext"), args.toString());
        assertEquals("https://portolan-controller.portolan-system.svc:8443", args.get(args.indexOf("--config-url") + 1));
        var volume = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
        assertEquals("portolan-gw", volume.getConfigMap().getName());
        var mount = container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                .findFirst().orElseThrow();
        assertEquals("/var/run/secrets/portolan.dev/control-plane-ca", mount.getMountPath());
        assertEquals(true, mount.getReadOnly());

        assertNotEquals(ProvisionPlan.desired(gateway("gw", Map.of(), Map.of(), 80), "uid-1", tls).get(2)
                        .getMetadata().getAnnotations(),
                ProvisionPlan.desired(gateway("gw", Map.of(), Map.of(), 80), "uid-1", tls.withControlPlaneCa("other"))
                        .get(2).getMetadata().getAnnotations(), "a new CA rolls the proxies");
    }

    @Test
    void aCaWithAPlaintextUrlIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProvisionSettings.defaults("http://cp:8080").withControlPlaneCa("pem"));
        assertTrue(e.getMessage().contains("not https"), e.getMessage());
    }

    @Test
    void theReadinessProbeTargetsTheAdminEndpointTheProxyOpensOnThePodAddress() {
        ProvisionSettings otherAdmin = new ProvisionSettings("portolan:1", "http://cp:8080", "ClusterIP", 9000);
        Container container = ((Deployment) ProvisionPlan.desired(gateway("edge", Map.of(), Map.of(), 443),
                "uid-1", otherAdmin).get(1)).getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> args = container.getArgs();

        String adminPort = args.get(args.indexOf("--admin-port") + 1);
        assertEquals("9000", adminPort);
        assertEquals(Integer.parseInt(adminPort), container.getReadinessProbe().getHttpGet().getPort().getIntVal());
        // the kubelet probes the pod IP (no host set), so the admin endpoint must not stay on 127.0.0.1
        assertEquals(null, container.getReadinessProbe().getHttpGet().getHost());
        assertEquals("0.0.0.0", args.get(args.indexOf("--admin-address") + 1));
        assertEquals("apps/edge", args.get(args.indexOf("--gateway") + 1));
    }

    @Test
    void theProxyGetsTheControlPlanesProxySettingsThatAreNotDefaults() {
        Container plain = ((Deployment) ProvisionPlan.desired(gateway("edge", Map.of(), Map.of(), 80), "uid-1",
                ProvisionSettings.defaults("http://cp:8080")).get(1)).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertTrue(plain.getArgs().stream().noneMatch(arg -> arg.startsWith("--trusted-hops")
                || arg.startsWith("--max-") || arg.startsWith("--idle-")), "defaults add no flag: " + plain.getArgs());

        ProvisionSettings strict = ProvisionSettings.defaults("http://cp:8080").withProxy(new ProxyTuning(
                EdgeSettings.defaults().withTrustedHops(2).withMaxRequestHeaders(40), 7_000,
                UpstreamSettings.defaults().withMaxConnectionsPerEndpoint(32)));
        List<String> args = ((Deployment) ProvisionPlan.desired(gateway("edge", Map.of(), Map.of(), 80), "uid-1",
                strict).get(1)).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertEquals("2", args.get(args.indexOf("--trusted-hops") + 1));
        assertEquals("40", args.get(args.indexOf("--max-request-headers") + 1));
        assertEquals("7000", args.get(args.indexOf("--idle-timeout-ms") + 1));
        assertEquals("32", args.get(args.indexOf("--max-connections-per-endpoint") + 1));
    }

    @Test
    void serviceExposesEachListenerPortOnceWithTheConfiguredType() {
        ProvisionSettings nodePort = new ProvisionSettings("registry/portolan:1", "http://cp:8080", "NodePort", 9000);
        Service service = (Service) ProvisionPlan.desired(gateway("gw", Map.of(), Map.of(), 443, 80, 443),
                "uid-1", nodePort).get(2);

        assertEquals("NodePort", service.getSpec().getType());
        assertEquals(List.of(80, 443), service.getSpec().getPorts().stream().map(ServicePort::getPort).toList());
        assertEquals(List.of("port-80", "port-443"),
                service.getSpec().getPorts().stream().map(ServicePort::getName).toList());
        assertEquals(443, service.getSpec().getPorts().get(1).getTargetPort().getIntVal());
    }

    @Test
    void infrastructureLabelsCannotTakeOverTheSelector() {
        HasMetadata service = ProvisionPlan.desired(gateway("gw",
                Map.of("gateway.networking.k8s.io/gateway-name", "other"), Map.of(), 80), "uid-1", SETTINGS).get(2);
        assertEquals("gw", service.getMetadata().getLabels().get("gateway.networking.k8s.io/gateway-name"));
    }

    @Test
    void sameInputSamePlanAndTheHashFollowsTheLabels() {
        GatewayView gateway = gateway("gw", Map.of("a", "1"), Map.of(), 80);
        assertEquals(ProvisionPlan.desired(gateway, "uid-1", SETTINGS), ProvisionPlan.desired(gateway, "uid-1", SETTINGS));

        String before = hash(ProvisionPlan.desired(gateway, "uid-1", SETTINGS).get(0));
        String after = hash(ProvisionPlan.desired(gateway("gw", Map.of(), Map.of(), 80), "uid-1", SETTINGS).get(0));
        assertNotEquals(before, after);
    }

    @Test
    void aGatewayWithoutUidIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProvisionPlan.desired(gateway("gw", Map.of(), Map.of(), 80), "", SETTINGS));
        assertTrue(error.getMessage().contains("apps/gw"), error.getMessage());
    }

    @Test
    void longGatewayNamesAreCutToAValidDistinctName() {
        String a = ProvisionNames.objectName("x".repeat(70) + "a");
        String b = ProvisionNames.objectName("x".repeat(70) + "b");
        assertTrue(a.length() <= 63, a);
        assertNotEquals(a, b);
    }

    private static String hash(HasMetadata object) {
        return object.getMetadata().getAnnotations().get(ProvisionNames.DESIRED_HASH_ANNOTATION);
    }
}
