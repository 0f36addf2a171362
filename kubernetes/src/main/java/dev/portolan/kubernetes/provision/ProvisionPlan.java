package dev.portolan.kubernetes.provision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GatewayView;
import dev.portolan.graph.ListenerView;
import dev.portolan.model.Manifests;
import dev.portolan.proxy.ProxyTuning;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The objects a Gateway's proxy needs: ServiceAccount, the control plane's CA certificate in a ConfigMap (when the
 * config channel has one: a pod mounts ConfigMaps of its own namespace only), Deployment and Service, in that
 * order. Pure: the same Gateway and settings always give equal objects.
 */
public final class ProvisionPlan {
    public static final String GATEWAY_API_VERSION = "gateway.networking.k8s.io/v1";
    static final String CONTAINER = "proxy";
    static final String PROXY_MAIN = "dev.portolan.proxy.ProxyMain";
    /**
     * The audience of the token a proxy shows the control plane. A token bound to it is refused by the API server
     * (whose audience it is not), so a token read off the wire opens nothing but that Gateway's config.
     */
    public static final String PROXY_TOKEN_AUDIENCE = "portolan.dev/control-plane";
    static final String TOKEN_VOLUME = "portolan-token";
    static final String TOKEN_DIRECTORY = "/var/run/secrets/portolan.dev/serviceaccount";
    /** Where the kubelet projects that token; the proxy re-reads it, as the kubelet rotates it. */
    static final String PROXY_TOKEN = TOKEN_DIRECTORY + "/token";
    /** The kubelet renews a projected token at 80% of its life; an hour is the shortest it accepts by default. */
    static final long TOKEN_SECONDS = 3600;
    /** All pod addresses: the Gateway's address is the Service's IP, which the pod itself does not have. */
    static final String ALL_ADDRESSES = "0.0.0.0";
    static final String CA_VOLUME = "portolan-control-plane-ca";
    static final String CA_DIRECTORY = "/var/run/secrets/portolan.dev/control-plane-ca";
    /** The key of the CA certificate in the proxy's ConfigMap, and the file name it is mounted as. */
    public static final String CA_KEY = "ca.crt";
    static final String CA_FILE = CA_DIRECTORY + "/" + CA_KEY;
    static final String CA_DIGEST_ANNOTATION = "portolan.dev/control-plane-ca-digest";

    private ProvisionPlan() {
    }

    /**
     * @param gateway    a Gateway of an accepted Portolan GatewayClass
     * @param gatewayUid the Gateway's {@code metadata.uid}, for the owner references (the view does not carry it)
     */
    public static List<HasMetadata> desired(GatewayView gateway, String gatewayUid, ProvisionSettings settings) {
        if (gatewayUid == null || gatewayUid.isEmpty()) {
            throw new IllegalArgumentException("Gateway " + gateway.key().namespacedName()
                    + ": metadata.uid is empty; owner references need it");
        }
        String gatewayName = gateway.key().name();
        String name = ProvisionNames.objectName(gatewayName);
        SortedMap<String, String> selector = selector(gatewayName);
        SortedMap<String, String> labels = new TreeMap<>(gateway.infrastructureLabels());
        labels.putAll(selector); // ours win: the provisioner finds its objects by them
        SortedMap<String, String> annotations = new TreeMap<>(gateway.infrastructureAnnotations());
        List<Integer> ports = ports(gateway);

        List<HasMetadata> objects = new ArrayList<>();
        objects.add(new ServiceAccountBuilder()
                .withMetadata(metadata(gateway, gatewayUid, name, labels, annotations))
                .build());
        settings.controlPlaneCa().ifPresent(ca -> objects.add(new ConfigMapBuilder()
                .withMetadata(metadata(gateway, gatewayUid, name, labels, annotations))
                .withData(new TreeMap<>(Map.of(CA_KEY, ca)))
                .build()));
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName(TOKEN_VOLUME)
                .withNewProjected()
                    .addNewSource()
                        .withNewServiceAccountToken()
                            .withAudience(PROXY_TOKEN_AUDIENCE)
                            .withExpirationSeconds(TOKEN_SECONDS)
                            .withPath("token")
                        .endServiceAccountToken()
                    .endSource()
                .endProjected()
                .build());
        mounts.add(new VolumeMountBuilder().withName(TOKEN_VOLUME).withMountPath(TOKEN_DIRECTORY).withReadOnly(true)
                .build());
        if (settings.controlPlaneCa().isPresent()) {
            volumes.add(new VolumeBuilder().withName(CA_VOLUME)
                    .withNewConfigMap().withName(name).endConfigMap().build());
            mounts.add(new VolumeMountBuilder().withName(CA_VOLUME).withMountPath(CA_DIRECTORY).withReadOnly(true)
                    .build());
        }
        objects.add(new DeploymentBuilder()
                .withMetadata(metadata(gateway, gatewayUid, name, labels, annotations))
                .withNewSpec()
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).withAnnotations(podAnnotations(annotations, settings))
                        .endMetadata()
                        .withNewSpec()
                            .withServiceAccountName(name)
                            // the proxy needs no API access: no API-server token in the pod, only the projected
                            // token for the control plane below
                            .withAutomountServiceAccountToken(false)
                            .withVolumes(volumes)
                            // listeners use their spec ports (80, 443) while the proxy runs as non-root: a
                            // namespaced "safe" sysctl (Kubernetes 1.22+) instead of the NET_BIND_SERVICE capability
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true)
                                .addNewSysctl().withName("net.ipv4.ip_unprivileged_port_start").withValue("0")
                                .endSysctl()
                            .endSecurityContext()
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(settings.image())
                                // a locally loaded image (kind load, ctr import) must not be pulled again; a
                                // registry image with a moving tag is refreshed by naming a new tag
                                .withImagePullPolicy("IfNotPresent")
                                .withArgs(proxyArgs(gateway, settings))
                                .withVolumeMounts(mounts)
                                .withPorts(containerPorts(ports, settings.adminPort()))
                                // no host: the kubelet probes the pod IP, hence --admin-address 0.0.0.0; there
                                // the proxy answers /ready and /metrics only, /admin/* on loopback
                                .withNewReadinessProbe()
                                    .withNewHttpGet().withPath("/ready")
                                        .withPort(new IntOrString(settings.adminPort())).endHttpGet()
                                .endReadinessProbe()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build());
        objects.add(new ServiceBuilder()
                .withMetadata(metadata(gateway, gatewayUid, name, labels, annotations))
                .withNewSpec()
                    .withType(settings.serviceType())
                    .withSelector(selector)
                    .withPorts(servicePorts(ports))
                .endSpec()
                .build());
        objects.forEach(ProvisionPlan::stampHash);
        return List.copyOf(objects);
    }

    /**
     * The proxy's command line: only this Gateway's config, every listener on all pod addresses, the pod's
     * service-account token for the control plane, trusting only the control plane's CA when there is one (or said
     * to be plaintext when the URL is http), and the admin endpoint reachable by the kubelet for /ready and by
     * Prometheus for /metrics (/admin/* answers on loopback only); the control plane's proxy settings where they
     * are not the defaults ({@link ProxyTuning#flags()}).
     */
    static List<String> proxyArgs(GatewayView gateway, ProvisionSettings settings) {
        List<String> args = new ArrayList<>(List.of(PROXY_MAIN,
                "--config-url", settings.controlPlaneUrl(),
                "--gateway", gateway.key().namespace() + "/" + gateway.key().name(),
                "--bind-address", ALL_ADDRESSES,
                "--token-file", PROXY_TOKEN));
        if (settings.controlPlaneCa().isPresent()) {
            args.addAll(List.of("--ca-file", CA_FILE));
        }
        if (settings.plaintext()) {
            args.add("--insecure-plaintext");
        }
        args.addAll(List.of(
                "--admin-address", ALL_ADDRESSES,
                "--admin-port", Integer.toString(settings.adminPort())));
        args.addAll(settings.proxy().flags());
        return List.copyOf(args);
    }

    /**
     * The pod's annotations: the Gateway's, and a digest of the control plane's CA, so that a new CA rolls the pods
     * (the proxy reads its {@code --ca-file} once, at start).
     */
    private static SortedMap<String, String> podAnnotations(SortedMap<String, String> annotations,
                                                            ProvisionSettings settings) {
        SortedMap<String, String> pod = new TreeMap<>(annotations);
        settings.controlPlaneCa().ifPresent(ca ->
                pod.put(CA_DIGEST_ANNOTATION, ProvisionNames.sha256(ca).substring(0, 16)));
        return pod;
    }

    /** The labels that select a Gateway's proxy pods and find its generated objects. */
    static SortedMap<String, String> selector(String gatewayName) {
        SortedMap<String, String> selector = new TreeMap<>();
        selector.put(ProvisionNames.GATEWAY_NAME_LABEL, gatewayName);
        selector.put(ProvisionNames.MANAGED_BY_LABEL, ProvisionNames.MANAGED_BY);
        return selector;
    }

    /** Distinct listener ports, ascending (several listeners may share a port). */
    static List<Integer> ports(GatewayView gateway) {
        TreeSet<Integer> ports = new TreeSet<>();
        for (ListenerView listener : gateway.listeners()) {
            ports.add(listener.port());
        }
        return List.copyOf(ports);
    }

    private static ObjectMeta metadata(GatewayView gateway, String uid, String name, Map<String, String> labels,
                                       Map<String, String> annotations) {
        OwnerReference owner = new OwnerReferenceBuilder()
                .withApiVersion(GATEWAY_API_VERSION).withKind("Gateway")
                .withName(gateway.key().name()).withUid(uid).withController(true)
                .build();
        return new ObjectMetaBuilder()
                .withName(name).withNamespace(gateway.key().namespace())
                .withLabels(new TreeMap<>(labels)).withAnnotations(new TreeMap<>(annotations))
                .withOwnerReferences(owner)
                .build();
    }

    private static List<ContainerPort> containerPorts(List<Integer> ports, int adminPort) {
        List<ContainerPort> out = new ArrayList<>();
        for (int port : ports) {
            out.add(new ContainerPortBuilder().withName(portName(port)).withContainerPort(port)
                    .withProtocol("TCP").build());
        }
        out.add(new ContainerPortBuilder().withName("admin").withContainerPort(adminPort).withProtocol("TCP").build());
        return out;
    }

    private static List<ServicePort> servicePorts(List<Integer> ports) {
        List<ServicePort> out = new ArrayList<>();
        for (int port : ports) {
            out.add(new ServicePortBuilder().withName(portName(port)).withPort(port)
                    .withTargetPort(new IntOrString(port)).withProtocol("TCP").build());
        }
        return out;
    }

    private static String portName(int port) {
        return "port-" + port;
    }

    /** Adds the hash of the object as built (before the hash annotation exists) to its annotations. */
    private static void stampHash(HasMetadata object) {
        ObjectNode json = Manifests.JSON.valueToTree(object);
        String hash = ProvisionNames.sha256(json.toString()).substring(0, 16);
        TreeMap<String, String> annotations = new TreeMap<>(object.getMetadata().getAnnotations());
        annotations.put(ProvisionNames.DESIRED_HASH_ANNOTATION, hash);
        object.getMetadata().setAnnotations(annotations);
    }
}
