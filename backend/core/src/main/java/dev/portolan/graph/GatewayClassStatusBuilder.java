package dev.portolan.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParametersReference;
import java.time.Instant;
import java.util.List;

/** Status of the GatewayClasses whose controllerName is Portolan's. */
final class GatewayClassStatusBuilder {
    /** Upstream SupportedFeature names (conformance "Support*" constants without the prefix), sorted. */
    static final List<String> SUPPORTED_FEATURES = List.of(
            "BackendTLSPolicy", "Gateway", "GatewayHTTPListenerIsolation", "GatewayInfrastructurePropagation",
            "GatewayPort8080", "HTTPRoute", "HTTPRoute303RedirectStatusCode", "HTTPRoute307RedirectStatusCode",
            "HTTPRoute308RedirectStatusCode", "HTTPRouteBackendProtocolH2C", "HTTPRouteBackendProtocolWebSocket",
            "HTTPRouteBackendTimeout", "HTTPRouteCORS", "HTTPRouteDestinationPortMatching", "HTTPRouteHostRewrite",
            "HTTPRouteMethodMatching", "HTTPRouteParentRefPort", "HTTPRoutePathRedirect", "HTTPRoutePathRewrite",
            "HTTPRoutePortRedirect", "HTTPRouteQueryParamMatching", "HTTPRouteRequestMirror",
            "HTTPRouteRequestPercentageMirror", "HTTPRouteRequestTimeout", "HTTPRouteResponseHeaderModification",
            "HTTPRouteRetry", "HTTPRouteSchemeRedirect", "ReferenceGrant");

    private GatewayClassStatusBuilder() {
    }

    static Condition accepted(GatewayClass gatewayClass, ResourceSet resources) {
        ParametersReference ref = gatewayClass.getSpec() == null ? null : gatewayClass.getSpec().getParametersRef();
        if (ref != null && !exists(resources, ref)) {
            String target = ref.getKind() + (ref.getGroup() == null || ref.getGroup().isEmpty() ? "" : "." + ref.getGroup())
                    + " " + (ref.getNamespace() == null ? "" : ref.getNamespace() + "/") + ref.getName();
            return Condition.isFalse(Conditions.ACCEPTED, "InvalidParameters",
                    "GatewayClass " + gatewayClass.getMetadata().getName() + ": spec.parametersRef " + target + " does not exist");
        }
        return Condition.isTrue(Conditions.ACCEPTED, "Accepted", "Accepted by Portolan");
    }

    private static boolean exists(ResourceSet resources, ParametersReference ref) {
        ResourceKey exact = ResourceKey.of(ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName());
        // Objects of unknown kinds without a namespace are stored under "default", as kubectl would place them.
        ResourceKey defaulted = ResourceKey.of(ref.getGroup(), ref.getKind(), "default", ref.getName());
        return resources.get(exact).isPresent() || (exact.isClusterScoped() && resources.get(defaulted).isPresent());
    }

    static ObjectNode status(GatewayClass gatewayClass, Condition accepted, Instant now) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.set("conditions", Conditions.toJson(List.of(accepted), gatewayClass.getMetadata().getGeneration(), now));
        ArrayNode features = status.putArray("supportedFeatures");
        SUPPORTED_FEATURES.forEach(name -> features.addObject().put("name", name));
        return status;
    }
}
