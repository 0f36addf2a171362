package dev.portolan.graph;

import dev.portolan.model.ResourceKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the graph needs besides the resources.
 *
 * @param controllerName  the GatewayClass controllerName Portolan answers to
 * @param now             lastTransitionTime of every condition (passed in so that output is deterministic)
 * @param gatewayAddress  the address given to a Gateway (e.g. 127.0.0.x in embedded mode); empty = not assigned yet
 */
public record GraphOptions(String controllerName, Instant now, Function<ResourceKey, Optional<String>> gatewayAddress) {
    public static final String PORTOLAN_CONTROLLER = "portolan.dev/gateway-controller";

    public GraphOptions {
        Objects.requireNonNull(controllerName, "controllerName");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(gatewayAddress, "gatewayAddress");
    }
}
