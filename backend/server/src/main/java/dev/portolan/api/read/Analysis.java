package dev.portolan.api.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.graph.ReferenceFinding;
import dev.portolan.graph.ReferenceIndex;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.TargetStatus;
import dev.portolan.pipeline.StatusProblem;
import dev.portolan.store.LoadProblem;
import dev.portolan.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * gwctl's analysis findings for one object: its {@link ReferenceFinding}s (references to objects that do not exist,
 * cross-namespace references no ReferenceGrant permits; for a Service, those made to it), then every False condition
 * of its status, then load problems of its file.
 */
final class Analysis {
    private final ReadIndex index;
    private final List<ObjectNode> findings = new ArrayList<>();

    private Analysis(ReadIndex index) {
        this.index = index;
    }

    static ArrayNode of(ReadIndex index, ResourceKey key, StoredObject stored, JsonNode status) {
        Analysis analysis = new Analysis(index);
        analysis.references(key);
        analysis.conditions(key, status);
        analysis.loadProblems(key, stored);
        ArrayNode out = ReadJson.JSON.arrayNode();
        analysis.findings.forEach(out::add);
        return out;
    }

    private void references(ResourceKey key) {
        ReferenceIndex references = index.references();
        // A Service is analysed for the references made to it, everything else for the references it makes.
        List<ReferenceIndex.Reference> analysed = key.group().isEmpty() && key.kind().equals(ApiGroups.SERVICE)
                ? references.referencesTo(key) : references.referencesFrom(key);
        for (ReferenceIndex.Reference reference : analysed) {
            String where = references.locations(reference).first();
            ReferenceFinding.of(references, reference, where, index::exists).ifPresent(this::add);
        }
        index.policy(key.groupKind(), key.namespacedName()).ifPresent(policy -> {
            for (TargetStatus target : policy.targets()) {
                if (!target.exists()) {
                    add(ReferenceFinding.notFound(key, "spec.targetRefs", target.target().key()));
                }
            }
        });
    }

    private void add(ReferenceFinding found) {
        findings.add(finding(found.type(), found.message()).put("object", found.object().toString())
                .put("reference", found.reference().toString()));
    }

    private void conditions(ResourceKey key, JsonNode status) {
        if (!(status instanceof ObjectNode object) || object.isEmpty()) {
            return;
        }
        for (StatusProblem problem : StatusProblem.collect(Map.of(key, object))) {
            ObjectNode item = finding("ConditionFalse", problem.describe()).put("where", problem.where())
                    .put("type", problem.type()).put("reason", problem.reason());
            findings.add(item);
        }
    }

    private void loadProblems(ResourceKey key, StoredObject stored) {
        String file = stored == null ? null : fileOf(stored.source());
        for (LoadProblem problem : index.snapshot().store().problems()) {
            if (key.equals(problem.object()) || file != null && file.equals(problem.file())) {
                findings.add(finding("LoadProblem", problem.describe()).put("file", problem.file())
                        .put("line", problem.line()).put("field", problem.field()));
            }
        }
    }

    private static String fileOf(String source) {
        if (source == null || source.isEmpty()) {
            return null;
        }
        int hash = source.lastIndexOf('#');
        return hash < 0 ? source : source.substring(0, hash);
    }

    private static ObjectNode finding(String type, String message) {
        return ReadJson.JSON.objectNode().put("type", type).put("message", message);
    }
}
