package dev.portolan.proxy.config;

import java.util.List;
import java.util.Map;

/** A programmed Gateway: where it listens and the labels/annotations its infrastructure should carry. */
public record GatewayConfig(
        String namespace,
        String name,
        String address,
        Map<String, String> infrastructureLabels,
        Map<String, String> infrastructureAnnotations,
        List<ListenerConfig> listeners) {
    public GatewayConfig {
        Checks.requiredText(namespace, "GatewayConfig", "namespace");
        Checks.requiredText(name, "GatewayConfig", "name");
        infrastructureLabels = Checks.sortedMap(infrastructureLabels, "GatewayConfig", "infrastructureLabels");
        infrastructureAnnotations =
                Checks.sortedMap(infrastructureAnnotations, "GatewayConfig", "infrastructureAnnotations");
        listeners = Checks.list(listeners, "GatewayConfig", "listeners");
    }
}
