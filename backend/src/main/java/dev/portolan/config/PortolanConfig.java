package dev.portolan.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

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
        private int portOffset = 10000;
        private int adminPort = 9901;

        /** Whether embedded mode runs the proxy in the same JVM. */
        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
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
    }
}
