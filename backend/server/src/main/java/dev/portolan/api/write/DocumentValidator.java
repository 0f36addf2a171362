package dev.portolan.api.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.problem.ApiException;
import dev.portolan.model.ContentFreeReasons;
import dev.portolan.model.ManifestException;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.TypedManifests;
import dev.portolan.model.validation.KnownKinds;
import dev.portolan.model.validation.ObjectValidator;
import dev.portolan.model.validation.Printable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks every document of a write before anything is written, so that one bad document leaves the store untouched.
 * A document is valid when it has an identity, passes the API server's rules ({@link ObjectValidator}: names,
 * namespaces, labels, annotations, a served kind) and converts to the type Portolan reads it as.
 */
public final class DocumentValidator {
    private DocumentValidator() {
    }

    /** With only the built-in kinds and the CRDs of the write itself installed. */
    public static List<Document> validate(List<ObjectNode> manifests) {
        return validate(manifests, List.of());
    }

    /**
     * @param installedCrds the CustomResourceDefinitions the store holds; those in the write count too
     * @throws ApiException 400 when a document has no identity or does not fit its type, 422 when it breaks the
     *                      API server's rules; naming the document number, the object, the field and the reason
     */
    public static List<Document> validate(List<ObjectNode> manifests, Collection<? extends JsonNode> installedCrds) {
        List<JsonNode> crds = new ArrayList<>(installedCrds);
        manifests.stream().filter(KnownKinds::isCrd).forEach(crds::add);
        KnownKinds kinds = KnownKinds.withCrds(crds);
        List<Document> out = new ArrayList<>();
        int total = manifests.size();
        for (int i = 0; i < total; i++) {
            ObjectNode manifest = manifests.get(i);
            String position = "document " + (i + 1) + " of " + total;
            ResourceKey key;
            try {
                key = Manifests.keyOf(manifest);
            } catch (ManifestException e) {
                throw ApiException.badRequest(position, e.field(), position + ": " + describe(null, e));
            }
            try {
                ObjectValidator.validate(manifest, key, kinds);
            } catch (ManifestException e) {
                throw ApiException.unprocessable(printable(key), e.field(), position + " (" + printable(key) + "): "
                        + describe(key, e));
            }
            try {
                TypedManifests.toTyped(UserFields.of(key, manifest));
            } catch (ManifestException e) {
                throw ApiException.badRequest(key.toString(), e.field(), position + " (" + key + "): "
                        + describe(key, e));
            }
            out.add(new Document(i + 1, key, manifest));
        }
        return out;
    }

    /** The answer must not carry the control characters it refuses. */
    private static String printable(ResourceKey key) {
        return Printable.of(key.toString());
    }

    private static String describe(ResourceKey key, ManifestException e) {
        String reason = ContentFreeReasons.of(key, e.reason());
        return e.field().isEmpty() ? reason : e.field() + " " + reason;
    }
}
