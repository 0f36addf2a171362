package dev.portolan.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/** {@code portolan.kubernetes.*}: how Kubernetes mode ({@code portolan.mode=kubernetes}) watches and provisions. */
@ConfigurationProperties("portolan.kubernetes")
public class KubernetesSettings {
    private List<String> namespaces = List.of();
    private Duration resync = Duration.ofMinutes(10);
    private boolean provision = true;
    private String proxyImage = "portolan:latest";
    private String controlPlaneUrl = "https://portolan-controller.portolan-system.svc:8443";
    private String controlPlaneService = "portolan-controller";
    private String controlPlaneNamespace = envOr("POD_NAMESPACE", "portolan-system");
    /** On in a pod (the Deployment passes POD_NAMESPACE), off elsewhere: no Secrets written into a developer's cluster. */
    private boolean sharedSecrets = System.getenv("POD_NAMESPACE") != null;
    private String serviceType = "LoadBalancer";
    private int proxyAdminPort = 9901;
    private Duration reconcilePeriod = Duration.ofMinutes(1);
    private boolean leaderElection = true;
    private String leaseNamespace = envOr("POD_NAMESPACE", "portolan-system");
    private String identity = envOr("POD_NAME", hostname());

    /** Namespaces whose objects are read (and where proxies are provisioned); empty = all. */
    public List<String> getNamespaces() {
        return namespaces;
    }

    public void setNamespaces(List<String> namespaces) {
        this.namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }

    /** How often the informers replay their caches (a safety net next to watches). */
    public Duration getResync() {
        return resync;
    }

    public void setResync(Duration resync) {
        this.resync = resync;
    }

    /** Whether Portolan creates a proxy Deployment, Service and ServiceAccount per Gateway. */
    public boolean isProvision() {
        return provision;
    }

    public void setProvision(boolean provision) {
        this.provision = provision;
    }

    /** The image of provisioned proxies (the same image as the control plane, run with ProxyMain). */
    public String getProxyImage() {
        return proxyImage;
    }

    public void setProxyImage(String proxyImage) {
        this.proxyImage = proxyImage;
    }

    /** Where provisioned proxies pull their config: this control plane's Service. */
    public String getControlPlaneUrl() {
        return controlPlaneUrl;
    }

    public void setControlPlaneUrl(String controlPlaneUrl) {
        this.controlPlaneUrl = controlPlaneUrl;
    }

    /** The control plane's Service (the config channel's certificate is issued for its DNS names). */
    public String getControlPlaneService() {
        return controlPlaneService;
    }

    public void setControlPlaneService(String controlPlaneService) {
        this.controlPlaneService = controlPlaneService;
    }

    /** The control plane's namespace, where the shared Secrets live; by default the pod's own (POD_NAMESPACE). */
    public String getControlPlaneNamespace() {
        return controlPlaneNamespace;
    }

    public void setControlPlaneNamespace(String controlPlaneNamespace) {
        this.controlPlaneNamespace = controlPlaneNamespace;
    }

    /**
     * Whether replicas share the config channel's CA and certificate and the API write token through Secrets in
     * their namespace (created by the first replica); off, nothing is written there and there is no HTTPS listener.
     * Default: on when running in a pod (POD_NAMESPACE set by the Deployment), off out of the cluster.
     */
    public boolean isSharedSecrets() {
        return sharedSecrets;
    }

    public void setSharedSecrets(boolean sharedSecrets) {
        this.sharedSecrets = sharedSecrets;
    }

    /** Type of each Gateway's Service (LoadBalancer, NodePort or ClusterIP). */
    public String getServiceType() {
        return serviceType;
    }

    public void setServiceType(String serviceType) {
        this.serviceType = serviceType;
    }

    public int getProxyAdminPort() {
        return proxyAdminPort;
    }

    public void setProxyAdminPort(int proxyAdminPort) {
        this.proxyAdminPort = proxyAdminPort;
    }

    /** How often provisioning re-checks objects the store does not watch (e.g. a deleted Deployment). */
    public Duration getReconcilePeriod() {
        return reconcilePeriod;
    }

    public void setReconcilePeriod(Duration reconcilePeriod) {
        this.reconcilePeriod = reconcilePeriod;
    }

    /** Whether replicas elect a leader over a Lease (off: this replica always writes status and provisions). */
    public boolean isLeaderElection() {
        return leaderElection;
    }

    public void setLeaderElection(boolean leaderElection) {
        this.leaderElection = leaderElection;
    }

    /** Namespace of the Lease; by default the pod's own (POD_NAMESPACE from the downward API). */
    public String getLeaseNamespace() {
        return leaseNamespace;
    }

    public void setLeaseNamespace(String leaseNamespace) {
        this.leaseNamespace = leaseNamespace;
    }

    /** This replica's name in the Lease; by default the pod name (POD_NAME), else the host name. */
    public String getIdentity() {
        return identity;
    }

    public void setIdentity(String identity) {
        this.identity = identity;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "portolan-" + ProcessHandle.current().pid();
        }
    }
}
