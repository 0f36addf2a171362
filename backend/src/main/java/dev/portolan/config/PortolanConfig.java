package dev.portolan.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/** Settings under {@code portolan.*} (application.yml, system properties, environment, or command line). */
@ConfigurationProperties("portolan")
public class PortolanConfig {
    /** Portolan's controller name: GatewayClasses with this spec.controllerName are ours. */
    public static final String DEFAULT_CONTROLLER_NAME = "portolan.dev/gateway-controller";

    private Path manifests = Path.of("manifests");
    private String controllerName = DEFAULT_CONTROLLER_NAME;

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
}
