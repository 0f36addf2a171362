package dev.portolan.cli;

import static dev.portolan.cli.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What describe prints per kind, in gwctl's order (identity, spec and status, related objects, directly attached,
 * inherited and effective policies, analysis), plus Portolan's effective timeouts and backend TLS, from the API's
 * description of one object. Pure.
 */
final class DescribeLayouts {
    private DescribeLayouts() {
    }

    static String describe(Kind kind, JsonNode description) {
        return switch (kind) {
            case GATEWAY_CLASSES -> gatewayClass(description);
            case GATEWAYS -> gateway(description);
            case HTTP_ROUTES -> httpRoute(description);
            case BACKENDS -> backend(description);
            case NAMESPACES -> namespace(description);
            case POLICIES -> policy(description);
            case POLICY_CRDS -> policyCrd(description);
        };
    }

    private static DescribeText identity(JsonNode description, boolean namespaced) {
        JsonNode object = description.path("object");
        JsonNode metadata = description.path("metadata");
        DescribeText text = new DescribeText().field("Name", text(metadata, "name"));
        if (namespaced) {
            text.field("Namespace", text(metadata, "namespace"));
        }
        return text.yaml("Labels", metadata.path("labels"))
                .yaml("Annotations", metadata.path("annotations"))
                .field("APIVersion", text(object, "apiVersion"))
                .field("Kind", text(object, "kind").isEmpty() ? text(description, "kind") : text(object, "kind"));
    }

    private static String gatewayClass(JsonNode d) {
        JsonNode spec = d.path("object").path("spec");
        return identity(d, false)
                .field("ControllerName", text(spec, "controllerName"))
                .field("Description", text(spec, "description"))
                .yaml("Status", d.path("object").path("status"))
                .table("AttachedGateways", references(d.path("attachedGateways")))
                .table("DirectlyAttachedPolicies", directPolicies(d.path("directlyAttachedPolicies")))
                .list("Analysis", findings(d.path("analysis")))
                .toString();
    }

    private static String gateway(JsonNode d) {
        JsonNode gatewayClass = d.path("gatewayClass");
        return identity(d, true)
                .field("GatewayClass", text(gatewayClass, "name")
                        + (gatewayClass.path("exists").asBoolean(true) ? "" : " (does not exist)"))
                .field("Addresses", String.join(", ", Json.texts(d.path("addresses"))))
                .yaml("Spec", d.path("object").path("spec"))
                .yaml("Status", d.path("object").path("status"))
                .table("AttachedRoutes", references(d.path("attachedRoutes")))
                .table("Backends", references(d.path("backends")))
                .table("DirectlyAttachedPolicies", directPolicies(d.path("directlyAttachedPolicies")))
                .table("InheritedPolicies", inheritedPolicies(d.path("inheritedPolicies")))
                .yaml("EffectivePolicies", effectiveSpecs(d.path("effectivePolicies")))
                .list("Analysis", findings(d.path("analysis")))
                .toString();
    }

    private static String httpRoute(JsonNode d) {
        return identity(d, true)
                .yaml("Spec", d.path("object").path("spec"))
                .yaml("Status", d.path("object").path("status"))
                .table("DirectlyAttachedPolicies", directPolicies(d.path("directlyAttachedPolicies")))
                .table("InheritedPolicies", inheritedPolicies(d.path("inheritedPolicies")))
                .yaml("EffectivePolicies", effectiveSpecs(d.path("effectivePolicies")))
                .block("EffectiveTimeouts", effectiveTimeouts(d.path("effectiveTimeouts")))
                .list("Analysis", findings(d.path("analysis")))
                .toString();
    }

    private static String backend(JsonNode d) {
        Table referredBy = new Table(List.of("Kind", "Name", "Gateways"));
        for (JsonNode route : d.path("referencedByRoutes")) {
            referredBy.row(List.of(text(route, "kind"), qualified(route),
                    String.join(",", Json.texts(route.path("gateways")))));
        }
        Table tls = new Table(List.of("Port", "TLS", "Policy", "Hostname", "Problem"));
        for (JsonNode port : d.path("backendTls")) {
            tls.row(List.of(text(port, "port") + (text(port, "portName").isEmpty() ? "" : " (" + text(port, "portName") + ")"),
                    port.path("tls").asBoolean() ? "yes" : "no", text(port, "policy"), text(port, "hostname"),
                    text(port, "problem")));
        }
        return identity(d, true)
                .yaml("Spec", d.path("object").path("spec"))
                .table("ReferencedByRoutes", referredBy)
                .table("DirectlyAttachedPolicies", directPolicies(d.path("directlyAttachedPolicies")))
                .table("InheritedPolicies", inheritedPolicies(d.path("inheritedPolicies")))
                .yaml("EffectivePolicies", effectiveSpecs(d.path("effectivePolicies")))
                .table("BackendTLS", tls)
                .table("ReferenceGrants", references(d.path("referenceGrants")))
                .list("Analysis", findings(d.path("analysis")))
                .toString();
    }

    private static String namespace(JsonNode d) {
        return identity(d, false)
                .yaml("Status", d.path("object").path("status"))
                .table("DirectlyAttachedPolicies", directPolicies(d.path("directlyAttachedPolicies")))
                .list("Analysis", findings(d.path("analysis")))
                .toString();
    }

    private static String policy(JsonNode d) {
        Table targets = new Table(List.of("Kind", "Name", "Exists"));
        for (JsonNode target : d.path("targets")) {
            targets.row(List.of(text(target, "kind"), qualified(target),
                    target.path("exists").asBoolean() ? "yes" : "no"));
        }
        JsonNode metadata = d.path("metadata");
        return new DescribeText()
                .field("Name", text(metadata, "name"))
                .field("Namespace", text(metadata, "namespace"))
                .field("Group", text(d, "group"))
                .field("Kind", text(d, "kind"))
                .yaml("Labels", metadata.path("labels"))
                .yaml("Annotations", metadata.path("annotations"))
                .field("Inherited", String.valueOf(d.path("inherited").asBoolean()))
                .field("PolicyType", text(d, "policyType"))
                .table("Targets", targets)
                .yaml("Spec", d.path("spec"))
                .yaml("Status", d.path("status"))
                .list("Analysis", findings(d.path("analysis")))
                .toString();
    }

    private static String policyCrd(JsonNode d) {
        JsonNode metadata = d.path("metadata");
        return new DescribeText()
                .field("Name", text(metadata, "name"))
                .yaml("Labels", metadata.path("labels"))
                .yaml("Annotations", metadata.path("annotations"))
                .field("PolicyKind", text(d, "policyKind"))
                .field("PolicyType", text(d, "policyType"))
                .field("Scope", text(d, "scope"))
                .field("BuiltIn", String.valueOf(d.path("builtIn").asBoolean()))
                .toString();
    }

    private static String qualified(JsonNode reference) {
        String namespace = text(reference, "namespace");
        return namespace.isEmpty() ? text(reference, "name") : namespace + "/" + text(reference, "name");
    }

    private static Table references(JsonNode references) {
        Table table = new Table(List.of("Kind", "Name"));
        for (JsonNode reference : references) {
            table.row(List.of(text(reference, "kind"),
                    qualified(reference) + (reference.path("exists").asBoolean(true) ? "" : " (does not exist)")));
        }
        return table;
    }

    private static Table directPolicies(JsonNode policies) {
        Table table = new Table(List.of("Type", "Name"));
        for (JsonNode policy : policies) {
            table.row(List.of(text(policy, "kind"), qualified(policy)));
        }
        return table;
    }

    private static Table inheritedPolicies(JsonNode policies) {
        Table table = new Table(List.of("Type", "Name", "Target Kind", "Target Name"));
        for (JsonNode policy : policies) {
            table.row(List.of(text(policy, "kind"), qualified(policy), text(policy, "targetKind"),
                    text(policy, "targetName")));
        }
        return table;
    }

    /** The effective values only: each {spec, provenance} pair becomes its spec (gwctl's EffectivePolicies). */
    static JsonNode effectiveSpecs(JsonNode effective) {
        if (!effective.isObject()) {
            return effective;
        }
        if (effective.has("spec") && effective.has("provenance") && effective.size() == 2) {
            return effective.get("spec");
        }
        // the generated model of a per-Gateway map also carries empty spec and provenance members: skip those
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = effective.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            boolean emptyPairMember = (entry.getKey().equals("spec") || entry.getKey().equals("provenance"))
                    && Json.isEmpty(entry.getValue());
            if (!emptyPairMember) {
                out.set(entry.getKey(), effectiveSpecs(entry.getValue()));
            }
        }
        return out;
    }

    /** Per parent Gateway and rule: each timeout, and which rule field or policy set it. */
    static String effectiveTimeouts(JsonNode byGateway) {
        StringBuilder out = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = byGateway.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> gateway = it.next();
            out.append(Failures.printable(gateway.getKey())).append(":\n");
            for (JsonNode rule : gateway.getValue()) {
                out.append("  rule ").append(text(rule, "rule")).append(":\n");
                out.append("    request: ").append(timeout(rule.path("request"))).append('\n');
                out.append("    backendRequest: ").append(timeout(rule.path("backendRequest"))).append('\n');
                for (JsonNode error : rule.path("errors")) {
                    out.append("    error: ").append(Failures.printable(error.asText())).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String timeout(JsonNode timeout) {
        if (Json.isEmpty(timeout) || text(timeout, "value").isEmpty()) {
            return "none";
        }
        String value = timeout.path("disabled").asBoolean() ? text(timeout, "value") + " (disabled)"
                : text(timeout, "value");
        String source = text(timeout, "source");
        return Failures.printable(source.isEmpty() ? value : value + " (" + source + ")");
    }

    private static List<String> findings(JsonNode analysis) {
        List<String> lines = new ArrayList<>();
        for (JsonNode finding : analysis) {
            lines.add(text(finding, "message"));
        }
        return lines;
    }
}
