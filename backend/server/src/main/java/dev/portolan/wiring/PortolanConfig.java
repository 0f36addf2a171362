package dev.portolan.wiring;

import dev.portolan.proxy.ProxyTuning;
import dev.portolan.proxy.edge.EdgeSettings;
import dev.portolan.proxy.forward.UpstreamSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

/** Settings under {@code portolan.*} (application.yml, system properties, environment, or command line). */
@ConfigurationProperties("portolan")
public class PortolanConfig {
    /** Portolan's controller name: GatewayClasses with this spec.controllerName are ours. */
    public static final String DEFAULT_CONTROLLER_NAME = "portolan.dev/gateway-controller";

    private String mode = EmbeddedLauncher.MODE;
    private Path manifests = Path.of("manifests");
    private String controllerName = DEFAULT_CONTROLLER_NAME;
    private ProxySettings proxy = new ProxySettings();

    /** {@code embedded} (default: manifests from a folder, proxy in-process) or {@code kubernetes}. */
    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    /** Folder of YAML manifests read in embedded mode. */
    public Path getManifests() {
        return manifests;
    }

    public void setManifests(Path manifests) {
        this.manifests = manifests;
    }

    public String getControllerName() {
        return controllerName;
    }

    public void setControllerName(String controllerName) {
        this.controllerName = controllerName;
    }

    public ProxySettings getProxy() {
        return proxy;
    }

    public void setProxy(ProxySettings proxy) {
        this.proxy = proxy;
    }

    /** {@code portolan.proxy.*}: the in-process proxy of embedded mode. */
    @ConfigurationProperties("proxy")
    public static class ProxySettings {
        private boolean enabled = true;
        private boolean cpuFirst = true;
        private int portOffset = 10000;
        private int adminPort = 9901;
        private int trustedHops;
        private boolean mergeSlashes;
        private Duration headerReadTimeout = Duration.ofMillis(EdgeSettings.DEFAULT_HEADER_READ_TIMEOUT_MILLIS);
        private Duration idleTimeout = Duration.ofMillis(EdgeSettings.DEFAULT_IDLE_TIMEOUT_MILLIS);
        private int maxRequestHeaderBytes = EdgeSettings.DEFAULT_MAX_REQUEST_HEADER_BYTES;
        private int maxRequestHeaders = EdgeSettings.DEFAULT_MAX_REQUEST_HEADERS;
        private long maxRequestBodyBytes;
        private int maxConnectionsPerClient = EdgeSettings.DEFAULT_MAX_CONNECTIONS_PER_CLIENT;
        private int maxConcurrentStreams = EdgeSettings.DEFAULT_MAX_CONCURRENT_STREAMS;
        private int maxConnectionsPerEndpoint = UpstreamSettings.DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT;

        /** Whether embedded mode runs the proxy in the same JVM. */
        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Whether the control plane's threads (rebuilds, the store, the folder watch, the API) yield the CPU to the
         * in-process proxy (Linux SCHED_IDLE; see {@link dev.portolan.threads.BackgroundThreads}).
         */
        public boolean isCpuFirst() {
            return cpuFirst;
        }

        public void setCpuFirst(boolean cpuFirst) {
            this.cpuFirst = cpuFirst;
        }

        /** Added to every listener port (80 becomes 10080) so that no port needs root. */
        public int getPortOffset() {
            return portOffset;
        }

        public void setPortOffset(int portOffset) {
            this.portOffset = portOffset;
        }

        /** Port of the proxy admin endpoint on 127.0.0.1 (0 = any free port, -1 = off). */
        public int getAdminPort() {
            return adminPort;
        }

        public void setAdminPort(int adminPort) {
            this.adminPort = adminPort;
        }

        /**
         * Proxies in front of Portolan's proxy whose X-Forwarded-Proto, X-Forwarded-Host and Forwarded are kept
         * (Envoy's xff_num_trusted_hops); 0 = clients connect directly and those headers are set from the
         * connection.
         */
        public int getTrustedHops() {
            return trustedHops;
        }

        public void setTrustedHops(int trustedHops) {
            this.trustedHops = trustedHops;
        }

        /** Whether "//" in a request path is merged to "/" before matching and forwarding (off, as in Envoy). */
        public boolean isMergeSlashes() {
            return mergeSlashes;
        }

        public void setMergeSlashes(boolean mergeSlashes) {
            this.mergeSlashes = mergeSlashes;
        }

        /** How long a client may take to send a request's headers (slowloris); 408 and close beyond it. */
        public Duration getHeaderReadTimeout() {
            return headerReadTimeout;
        }

        public void setHeaderReadTimeout(Duration headerReadTimeout) {
            this.headerReadTimeout = headerReadTimeout;
        }

        /** How long an idle client connection stays open. */
        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        /** Largest request header block (431 beyond it). */
        public int getMaxRequestHeaderBytes() {
            return maxRequestHeaderBytes;
        }

        public void setMaxRequestHeaderBytes(int maxRequestHeaderBytes) {
            this.maxRequestHeaderBytes = maxRequestHeaderBytes;
        }

        /** Most request header lines (431 beyond it). */
        public int getMaxRequestHeaders() {
            return maxRequestHeaders;
        }

        public void setMaxRequestHeaders(int maxRequestHeaders) {
            this.maxRequestHeaders = maxRequestHeaders;
        }

        /** Largest request body (413 beyond it); 0 = no limit. */
        public long getMaxRequestBodyBytes() {
            return maxRequestBodyBytes;
        }

        public void setMaxRequestBodyBytes(long maxRequestBodyBytes) {
            this.maxRequestBodyBytes = maxRequestBodyBytes;
        }

        /** Most open connections from one client address; more are closed at once. */
        public int getMaxConnectionsPerClient() {
            return maxConnectionsPerClient;
        }

        public void setMaxConnectionsPerClient(int maxConnectionsPerClient) {
            this.maxConnectionsPerClient = maxConnectionsPerClient;
        }

        /** HTTP/2 streams a client may have open on one connection. */
        public int getMaxConcurrentStreams() {
            return maxConcurrentStreams;
        }

        public void setMaxConcurrentStreams(int maxConcurrentStreams) {
            this.maxConcurrentStreams = maxConcurrentStreams;
        }

        /**
         * Most open connections to one backend endpoint; beyond them requests wait (up to 4,096, at most 30 s), then
         * get 503.
         */
        public int getMaxConnectionsPerEndpoint() {
            return maxConnectionsPerEndpoint;
        }

        public void setMaxConnectionsPerEndpoint(int maxConnectionsPerEndpoint) {
            this.maxConnectionsPerEndpoint = maxConnectionsPerEndpoint;
        }

        /** The edge settings these properties describe; fails naming the first bad value. */
        public EdgeSettings edgeSettings() {
            return new EdgeSettings(mergeSlashes, trustedHops, headerReadTimeout.toMillis(), maxRequestHeaderBytes,
                    maxRequestHeaders, maxRequestBodyBytes, maxConnectionsPerClient, maxConcurrentStreams);
        }

        /** Everything these properties tell the proxy beyond its config; fails naming the first bad value. */
        public ProxyTuning tuning() {
            return new ProxyTuning(edgeSettings(), idleTimeout.toMillis(),
                    UpstreamSettings.defaults().withMaxConnectionsPerEndpoint(maxConnectionsPerEndpoint));
        }
    }
}
