package dev.portolan.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.distribute.PublishedConfig;
import dev.portolan.graph.Condition;
import dev.portolan.graph.GatewayView;
import dev.portolan.graph.ListenerView;
import dev.portolan.graph.ParentView;
import dev.portolan.graph.RouteView;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.validation.Printable;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.pipeline.EffectiveReport;
import dev.portolan.pipeline.StatusProblem;
import dev.portolan.store.LoadProblem;
import dev.portolan.translate.TranslationProblem;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON summary served at {@code GET /}, built from a snapshot (no recomputation): counts, problems first, then
 * Gateways, routes, effective timeouts and backend TLS with their provenance.
 */
public final class Summary {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Summary() {
    }

    /** Embedded mode's origin: the manifest folder. */
    public static ObjectNode of(ControlPlaneSnapshot snapshot, String manifests) {
        return of(snapshot, JSON.objectNode().put("mode", "embedded").put("manifests", manifests), List.of());
    }

    /** With what the proxy config could not express (translation problems), listed after the status problems. */
    /** @param origin where resources come from ({@code ControlPlane.origin()}): mode, manifests or cluster */
    public static ObjectNode of(ControlPlaneSnapshot snapshot, ObjectNode origin,
                                List<TranslationProblem> translationProblems) {
        ObjectNode out = JSON.objectNode();
        out.put("name", "Portolan");
        out.setAll(origin);
        out.put("snapshotVersion", snapshot.version());
        out.put("storeRevision", snapshot.store().revision());
        out.put("computedAt", snapshot.computedAt().toString());
        out.set("counts", counts(snapshot));
        ArrayNode loadProblems = out.putArray("loadProblems");
        snapshot.store().problems().forEach(problem -> loadProblems.add(loadProblem(problem)));
        ArrayNode statusProblems = out.putArray("statusProblems");
        StatusProblem.collect(snapshot.computed().statuses()).forEach(problem -> statusProblems.add(
                JSON.objectNode().put("object", problem.object().toString()).put("where", problem.where())
                        .put("type", problem.type()).put("reason", problem.reason())
                        .put("message", problem.message())));
        ArrayNode untranslatable = out.putArray("translationProblems");
        translationProblems.forEach(problem -> untranslatable.add(JSON.objectNode()
                .put("object", problem.object() == null ? null : problem.object().toString())
                .put("field", problem.field()).put("message", problem.message())));
        ArrayNode gateways = out.putArray("gateways");
        snapshot.computed().graph().gateways().values().forEach(gateway -> gateways.add(gateway(gateway)));
        ArrayNode routes = out.putArray("routes");
        snapshot.computed().graph().routes().values().forEach(route -> routes.add(route(route)));
        ObjectNode effective = EffectiveReport.of(snapshot.computed());
        out.set("effectiveTimeouts", effective.get("timeouts"));
        out.set("backendTls", effective.get("backendTls"));
        out.set("policies", effective.get("policies"));
        out.set("links", JSON.objectNode().put("health", "/health").put("openapi", "/openapi.yml")
                .put("apiDocs", "/api/docs").put("api", "/api/v1/gateways"));
        return out;
    }

    /**
     * Adds the version of the proxy config being published (a content digest, the same in every replica and across
     * restarts; "none yet" before the first load), the one proxies report on their {@code /ready}.
     */
    public static ObjectNode withConfigVersion(ObjectNode summary, PublishedConfig published) {
        return summary.put("configVersion", published == null ? "none yet" : published.version());
    }

    private static ObjectNode counts(ControlPlaneSnapshot snapshot) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ResourceKey key : snapshot.store().byKey().keySet()) {
            counts.merge(key.kind(), 1, Integer::sum);
        }
        ObjectNode out = JSON.objectNode();
        counts.forEach(out::put);
        return out;
    }

    private static ObjectNode loadProblem(LoadProblem problem) {
        return JSON.objectNode()
                .put("file", Printable.of(problem.file()))
                .put("document", problem.documentIndex())
                .put("line", problem.line())
                .put("object", problem.object() == null ? null : Printable.of(problem.object().toString()))
                .put("field", problem.field())
                .put("reason", problem.reason())
                .put("keptPrevious", problem.keptPrevious())
                .put("message", problem.describe());
    }

    private static ObjectNode gateway(GatewayView gateway) {
        ObjectNode out = JSON.objectNode()
                .put("gateway", gateway.key().namespacedName())
                .put("class", gateway.className());
        ArrayNode addresses = out.putArray("addresses");
        gateway.addresses().forEach(addresses::add);
        out.set("conditions", conditions(gateway.conditions()));
        ObjectNode infrastructure = out.putObject("infrastructure");
        ObjectNode labels = infrastructure.putObject("labels");
        gateway.infrastructureLabels().forEach(labels::put);
        ObjectNode annotations = infrastructure.putObject("annotations");
        gateway.infrastructureAnnotations().forEach(annotations::put);
        ArrayNode listeners = out.putArray("listeners");
        for (ListenerView listener : gateway.listeners()) {
            listeners.addObject().put("name", listener.name()).put("port", listener.port())
                    .put("protocol", listener.protocol()).put("hostname", listener.hostname())
                    .put("attachedRoutes", listener.attachedRoutes().size())
                    .set("conditions", conditions(listener.conditions()));
        }
        return out;
    }

    private static ObjectNode route(RouteView route) {
        ObjectNode out = JSON.objectNode().put("route", route.key().namespacedName());
        ArrayNode hostnames = out.putArray("hostnames");
        route.hostnames().forEach(hostnames::add);
        ArrayNode parents = out.putArray("parents");
        for (ParentView parent : route.parents()) {
            parents.addObject().put("gateway", parent.gateway().namespacedName())
                    .set("conditions", conditions(parent.conditions()));
        }
        out.put("rules", route.rules().size());
        return out;
    }

    /** {@code {"Accepted": "True Accepted", ...}}: compact, the message is in the object's status. */
    private static ObjectNode conditions(List<Condition> conditions) {
        ObjectNode out = JSON.objectNode();
        for (Condition condition : conditions) {
            out.put(condition.type(), (condition.status() ? "True " : "False ") + condition.reason());
        }
        return out;
    }
}
