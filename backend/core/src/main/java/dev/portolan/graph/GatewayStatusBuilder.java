package dev.portolan.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Gateway-level conditions, listener Programmed, and the Gateway status tree. */
final class GatewayStatusBuilder {
    private static final Pattern IP = Pattern.compile("^[0-9.]+$|^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$");

    private GatewayStatusBuilder() {
    }

    /** Gateway Accepted and Programmed; adds Programmed to every listener. */
    static List<Condition> conditions(Gateway gateway, List<ListenerState> listeners, Optional<String> address,
                                      ResourceSet resources) {
        Condition accepted = accepted(gateway, listeners, resources);
        for (ListenerState listener : listeners) {
            listener.conditions.add(listenerProgrammed(listener, accepted.status(), address.isPresent()));
        }
        Condition programmed;
        if (!accepted.status()) {
            programmed = Condition.isFalse(Conditions.PROGRAMMED, "Invalid", "The Gateway is not accepted");
        } else if (address.isEmpty()) {
            programmed = Condition.isFalse(Conditions.PROGRAMMED, "AddressNotAssigned", "No address assigned yet");
        } else {
            programmed = Condition.isTrue(Conditions.PROGRAMMED, "Programmed", "Served at " + address.get());
        }
        return List.of(accepted, programmed);
    }

    private static Condition accepted(Gateway gateway, List<ListenerState> listeners, ResourceSet resources) {
        String name = gateway.getMetadata().getNamespace() + "/" + gateway.getMetadata().getName();
        LocalParametersReference ref = gateway.getSpec().getInfrastructure() == null ? null
                : gateway.getSpec().getInfrastructure().getParametersRef();
        if (ref != null && resources.get(ResourceKey.of(ref.getGroup(), ref.getKind(),
                gateway.getMetadata().getNamespace(), ref.getName())).isEmpty()) {
            return Condition.isFalse(Conditions.ACCEPTED, "InvalidParameters", "Gateway " + name
                    + ": spec.infrastructure.parametersRef " + ref.getKind() + "." + ref.getGroup() + " "
                    + ref.getName() + " does not exist");
        }
        List<String> invalid = listeners.stream().filter(l -> !l.accepted()).map(ListenerState::name).toList();
        if (invalid.isEmpty()) {
            return Condition.isTrue(Conditions.ACCEPTED, "Accepted", "Accepted by Portolan");
        }
        // Refused outright only when nothing is usable and some listener is malformed (a protocol the Gateway API
        // does not define); listeners of valid but unimplemented protocols (TLS, TCP, UDP) leave it accepted.
        boolean noneUsable = invalid.size() == listeners.size();
        boolean malformed = listeners.stream()
                .anyMatch(l -> !ListenerResolver.GATEWAY_API_PROTOCOLS.contains(l.spec.getProtocol()));
        String message = "Gateway " + name + ": listeners " + invalid + " are not valid";
        return noneUsable && malformed
                ? Condition.isFalse(Conditions.ACCEPTED, "ListenersNotValid", message)
                : Condition.isTrue(Conditions.ACCEPTED, "ListenersNotValid", message);
    }

    private static Condition listenerProgrammed(ListenerState listener, boolean gatewayAccepted, boolean hasAddress) {
        if (!gatewayAccepted || !listener.accepted()
                || !Conditions.isTrue(listener.conditions, Conditions.RESOLVED_REFS)) {
            return Condition.isFalse(Conditions.PROGRAMMED, "Invalid",
                    "Listener " + listener.name() + " is not accepted or has unresolved references");
        }
        if (!hasAddress) {
            return Condition.isFalse(Conditions.PROGRAMMED, "Pending", "The Gateway has no address yet");
        }
        return Condition.isTrue(Conditions.PROGRAMMED, "Programmed", "Listener is served");
    }

    static String addressType(String address) {
        return IP.matcher(address).matches() ? "IPAddress" : "Hostname";
    }

    static ObjectNode status(GatewayView view, Long generation, Instant now) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        ArrayNode addresses = status.putArray("addresses");
        for (String address : view.addresses()) {
            addresses.addObject().put("type", addressType(address)).put("value", address);
        }
        status.set("conditions", Conditions.toJson(view.conditions(), generation, now));
        ArrayNode listeners = status.putArray("listeners");
        for (ListenerView listener : view.listeners()) {
            ObjectNode node = listeners.addObject();
            node.put("attachedRoutes", listener.attachedRoutes().size());
            node.set("conditions", Conditions.toJson(listener.conditions(), generation, now));
            node.put("name", listener.name());
            ArrayNode kinds = node.putArray("supportedKinds");
            for (RouteKind kind : new ArrayList<>(listener.supportedKinds())) {
                kinds.addObject().put("group", kind.group()).put("kind", kind.kind());
            }
        }
        return status;
    }
}
