package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * EndpointSlices that tell the implementation where a Service's pods are: one slice per (Service, echo instance),
 * since every instance listens on its own local ports. Service {@code targetPort} numbers are the echo contract's
 * container ports (3000, 3001, 8443).
 */
public final class EndpointSlices {
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private EndpointSlices() {
    }

    public static List<ObjectNode> forServices(List<ObjectNode> manifests, List<EchoInstance> instances) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode service : manifests) {
            if (!service.path("kind").asText().equals("Service")) {
                continue;
            }
            String namespace = service.path("metadata").path("namespace").asText("default");
            Map<String, String> selector = EchoFleet.labels(service.path("spec").path("selector"));
            int index = 0;
            for (EchoInstance instance : instances) {
                if (instance.namespace().equals(namespace) && instance.selectedBy(selector)) {
                    out.add(slice(service, instance, index++));
                }
            }
        }
        return out;
    }

    private static ObjectNode slice(ObjectNode service, EchoInstance instance, int index) {
        String serviceName = service.path("metadata").path("name").asText();
        ObjectNode slice = JsonNodeFactory.instance.objectNode();
        slice.put("apiVersion", "discovery.k8s.io/v1");
        slice.put("kind", "EndpointSlice");
        ObjectNode metadata = slice.putObject("metadata").put("name", serviceName + "-echo-" + index)
                .put("namespace", instance.namespace());
        metadata.putObject("labels").put(SERVICE_NAME_LABEL, serviceName);
        slice.put("addressType", "IPv4");
        ObjectNode endpoint = slice.putArray("endpoints").addObject();
        endpoint.putArray("addresses").add(instance.server().host());
        endpoint.putObject("conditions").put("ready", true).put("serving", true).put("terminating", false);
        endpoint.putObject("targetRef").put("kind", "Pod").put("name", instance.podName()).put("namespace", instance.namespace());
        ArrayNode ports = slice.putArray("ports");
        for (JsonNode port : service.path("spec").path("ports")) {
            OptionalInt local = instance.localPort(port.path("targetPort").asInt(port.path("port").asInt()));
            if (local.isEmpty()) {
                continue;
            }
            ObjectNode entry = ports.addObject();
            if (port.hasNonNull("name")) {
                entry.put("name", port.get("name").asText());
            }
            entry.put("protocol", port.path("protocol").asText("TCP")).put("port", local.getAsInt());
            if (port.hasNonNull("appProtocol")) {
                entry.put("appProtocol", port.get("appProtocol").asText());
            }
        }
        return slice;
    }
}
