package dev.portolan.api.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import java.util.List;

/** JSON answers of the write endpoints. */
public final class WriteRendering {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private WriteRendering() {
    }

    public static ObjectNode outcome(ObjectWriter.Outcome outcome) {
        ObjectNode body = JSON.objectNode();
        ArrayNode items = body.putArray("items");
        for (WriteResult result : outcome.results()) {
            ObjectNode item = identity(result.object());
            item.put("action", result.action());
            item.put("resourceVersion", result.resourceVersion());
            item.put("generation", result.generation());
            items.add(item);
        }
        body.put("storeRevision", outcome.storeRevision());
        body.put("snapshotVersion", outcome.snapshotVersion());
        body.put("visible", outcome.visible());
        return body;
    }

    public static ObjectNode analysis(Analysis analysis) {
        ObjectNode body = JSON.objectNode();
        ArrayNode changes = body.putArray("changes");
        for (Analysis.Change change : analysis.changes()) {
            changes.add(identity(change.object()).put("action", change.action()));
        }
        issues(body.putArray("issuesIntroduced"), analysis.issuesIntroduced());
        issues(body.putArray("issuesFixed"), analysis.issuesFixed());
        issues(body.putArray("issuesUnchanged"), analysis.issuesUnchanged());
        return body;
    }

    private static void issues(ArrayNode out, List<Issue> issues) {
        for (Issue issue : issues) {
            out.addObject().put("object", issue.object()).put("source", issue.source()).put("where", issue.where())
                    .put("type", issue.type()).put("reason", issue.reason()).put("message", issue.message());
        }
    }

    private static ObjectNode identity(ResourceKey key) {
        ObjectNode node = JSON.objectNode().put("object", key.toString()).put("group", key.group())
                .put("kind", key.kind());
        if (!key.isClusterScoped()) {
            node.put("namespace", key.namespace());
        }
        return node.put("name", key.name());
    }
}
