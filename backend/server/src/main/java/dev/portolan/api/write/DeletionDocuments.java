package dev.portolan.api.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.problem.ApiException;
import dev.portolan.model.ManifestException;
import dev.portolan.model.Manifests;
import java.util.ArrayList;
import java.util.List;

/** Documents naming objects to delete: only their identity matters, so only that is checked. */
public final class DeletionDocuments {
    private DeletionDocuments() {
    }

    /** @throws ApiException 400 naming the document when it has no identity */
    public static List<Document> identify(List<ObjectNode> manifests) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            String position = "document " + (i + 1) + " of " + manifests.size();
            try {
                out.add(new Document(i + 1, Manifests.keyOf(manifests.get(i)), manifests.get(i)));
            } catch (ManifestException e) {
                throw ApiException.badRequest(position, e.field(), position + ": " + e.field() + " " + e.reason());
            }
        }
        return out;
    }
}
