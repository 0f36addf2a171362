package dev.portolan.conformance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.GraphOptions;
import java.util.Map;

/** The GatewayClass the run creates for the implementation, and the placeholders the manifests use for it. */
public record GatewayClassUnderTest(String className, String controllerName) {
    public static final GatewayClassUnderTest PORTOLAN = new GatewayClassUnderTest("portolan", GraphOptions.PORTOLAN_CONTROLLER);

    public Map<String, String> placeholders() {
        return Map.of("{GATEWAY_CLASS_NAME}", className, "{GATEWAY_CONTROLLER_NAME}", controllerName);
    }

    public ObjectNode manifest() {
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("apiVersion", "gateway.networking.k8s.io/v1");
        manifest.put("kind", "GatewayClass");
        manifest.putObject("metadata").put("name", className);
        manifest.putObject("spec").put("controllerName", controllerName);
        return manifest;
    }
}
