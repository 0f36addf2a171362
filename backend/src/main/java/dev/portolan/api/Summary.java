package dev.portolan.api;

import dev.portolan.graph.GatewayView;
import dev.portolan.model.ResourceKey;
import dev.portolan.snapshot.ControlPlaneSnapshot;
import dev.portolan.snapshot.StatusProblem;
import dev.portolan.store.LoadProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the JSON summary served at {@code GET /} from a snapshot (no recomputation). */
final class Summary {
    private Summary() {
    }

    static Map<String, Object> of(ControlPlaneSnapshot snapshot, String manifests) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", "Portolan");
        out.put("mode", "embedded");
        out.put("manifests", manifests);
        out.put("configVersion", snapshot.version());
        out.put("storeRevision", snapshot.store().revision());
        out.put("computedAt", snapshot.computedAt().toString());
        out.put("counts", counts(snapshot));
        out.put("loadProblems", snapshot.store().problems().stream().map(Summary::loadProblem).toList());
        out.put("statusProblems", statusProblems(snapshot));
        out.put("gateways", snapshot.computed().graph().gateways().values().stream().map(Summary::gateway).toList());
        out.put("links", Map.of("health", "/health", "openapi", "/swagger/portolan-0.1.yml"));
        return out;
    }

    private static Map<String, Integer> counts(ControlPlaneSnapshot snapshot) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ResourceKey key : snapshot.store().byKey().keySet()) {
            counts.merge(key.kind(), 1, Integer::sum);
        }
        return counts;
    }

    private static Map<String, Object> loadProblem(LoadProblem problem) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", problem.file());
        out.put("document", problem.documentIndex());
        out.put("line", problem.line());
        out.put("object", problem.object() == null ? null : problem.object().toString());
        out.put("field", problem.field());
        out.put("reason", problem.reason());
        out.put("keptPrevious", problem.keptPrevious());
        out.put("message", problem.describe());
        return out;
    }

    private static List<Map<String, String>> statusProblems(ControlPlaneSnapshot snapshot) {
        return StatusProblem.collect(snapshot.computed().statuses()).stream().map(problem -> {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("object", problem.object().toString());
            out.put("where", problem.where());
            out.put("type", problem.type());
            out.put("reason", problem.reason());
            out.put("message", problem.message());
            return out;
        }).toList();
    }

    private static Map<String, Object> gateway(GatewayView gateway) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gateway", gateway.key().namespacedName());
        out.put("view", gateway);
        return out;
    }
}
