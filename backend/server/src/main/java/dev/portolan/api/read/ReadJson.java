package dev.portolan.api.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.Timestamps;
import dev.portolan.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** JSON pieces shared by list items and descriptions: metadata, links, policy references, full objects. */
final class ReadJson {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> METADATA_FIELDS = List.of("name", "namespace", "labels", "creationTimestamp",
            "generation", "resourceVersion");

    private ReadJson() {
    }

    /** name, namespace, labels, creationTimestamp, generation, resourceVersion of the stored object. */
    static ObjectNode metadata(ResourceKey key, StoredObject stored) {
        ObjectNode out = JSON.objectNode().put("name", key.name());
        if (!key.namespace().isEmpty()) {
            out.put("namespace", key.namespace());
        }
        JsonNode metadata = stored == null ? JSON.objectNode() : stored.metadata();
        for (String field : METADATA_FIELDS.subList(2, METADATA_FIELDS.size())) {
            JsonNode value = metadata.get(field);
            if (value != null && !value.isNull()) {
                out.set(field, value.deepCopy());
            }
        }
        if (!out.has("labels")) {
            out.putObject("labels");
        }
        return out;
    }

    /** kubectl-style age ({@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}); empty when unknown. */
    static String age(StoredObject stored, Instant now) {
        String text = stored == null ? null : stored.metadata().path("creationTimestamp").asText(null);
        if (text == null) {
            return "";
        }
        Instant created = Timestamps.parseOrEpoch(text);
        if (created.equals(Instant.EPOCH)) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(created, now).getSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    /** The API path of an object: served kinds by plural, policies under /policies, else null. */
    static String path(ResourceKey key, ReadIndex index) {
        return ApiKinds.of(key).map(kind -> kind.path(key))
                .orElseGet(() -> index.policy(key.groupKind(), key.namespacedName()).map(PolicyEntry::path)
                        .orElse(null));
    }

    /** {@code {"kind", "namespace", "name", "exists", "link"}} for a referenced object. */
    static ObjectNode reference(ResourceKey key, ReadIndex index) {
        ObjectNode out = JSON.objectNode().put("kind", key.kind());
        if (!key.group().isEmpty() && !key.group().equals(ApiGroups.GATEWAY)) {
            out.put("group", key.group());
        }
        if (!key.namespace().isEmpty()) {
            out.put("namespace", key.namespace());
        }
        out.put("name", key.name()).put("exists", index.exists(key));
        String path = path(key, index);
        if (path != null && index.exists(key)) {
            out.put("link", path);
        }
        return out;
    }

    static ArrayNode references(Collection<ResourceKey> keys, ReadIndex index) {
        ArrayNode out = JSON.arrayNode();
        keys.forEach(key -> out.add(reference(key, index)));
        return out;
    }

    /** Policies attached to an object, as {@code Kind.group/namespace/name} (gwctl's POLICIES column, named). */
    static ArrayNode policyNames(ResourceKey target, ReadIndex index) {
        ArrayNode out = JSON.arrayNode();
        index.policiesTargeting(target).forEach(policy ->
                out.add(policy.groupKind() + "/" + policy.key().namespacedName()));
        return out;
    }

    /** Directly attached policies with kind, type and link. */
    static ArrayNode directPolicies(ResourceKey target, ReadIndex index) {
        ArrayNode out = JSON.arrayNode();
        for (PolicyEntry policy : index.policiesTargeting(target)) {
            ObjectNode item = out.addObject().put("kind", policy.groupKind());
            if (!policy.key().namespace().isEmpty()) {
                item.put("namespace", policy.key().namespace());
            }
            item.put("name", policy.key().name()).put("policyType", policy.policyType()).put("link", policy.path());
        }
        return out;
    }

    /**
     * The full object (manifest and status) as Kubernetes returns it. Secret payloads never leave: {@code data}
     * and {@code stringData} of a Secret are replaced by their key names.
     */
    static ObjectNode object(StoredObject stored, ObjectNode status) {
        ObjectNode out = stored.manifest().deepCopy();
        if (status != null && !status.isEmpty()) {
            out.set("status", status);
        }
        return redacted(out);
    }

    static ObjectNode redacted(ObjectNode object) {
        if (ApiGroups.SECRET.equals(object.path("kind").asText()) && object.path("apiVersion").asText().equals("v1")) {
            for (String field : List.of("data", "stringData")) {
                if (object.get(field) instanceof ObjectNode data) {
                    ArrayNode keys = JSON.arrayNode();
                    data.fieldNames().forEachRemaining(keys::add);
                    object.remove(field);
                    object.set(field + "Keys", keys);
                }
            }
        }
        return object;
    }
}
