package dev.portolan.api.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.problem.ApiException;
import dev.portolan.model.ManifestException;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.TypedManifests;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every document of a write before anything is written, so that one bad document leaves the store untouched.
 * A document is valid when it has an identity and converts to the type Portolan reads it as.
 */
public final class DocumentValidator {
    private DocumentValidator() {
    }

    /** @throws ApiException 400 naming the document number, the object, the field and the reason */
    public static List<Document> validate(List<ObjectNode> manifests) {
        List<Document> out = new ArrayList<>();
        int total = manifests.size();
        for (int i = 0; i < total; i++) {
            ObjectNode manifest = manifests.get(i);
            String position = "document " + (i + 1) + " of " + total;
            ResourceKey key;
            try {
                key = Manifests.keyOf(manifest);
            } catch (ManifestException e) {
                throw ApiException.badRequest(position, e.field(), position + ": " + describe(e));
            }
            try {
                TypedManifests.toTyped(UserFields.of(key, manifest));
            } catch (ManifestException e) {
                throw ApiException.badRequest(key.toString(), e.field(), position + " (" + key + "): "
                        + describe(e));
            }
            out.add(new Document(i + 1, key, manifest));
        }
        return out;
    }

    private static String describe(ManifestException e) {
        return e.field().isEmpty() ? e.reason() : e.field() + " " + e.reason();
    }
}
