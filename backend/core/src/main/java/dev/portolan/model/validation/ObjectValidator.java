package dev.portolan.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ManifestException;
import dev.portolan.model.ResourceKey;
import java.util.Iterator;
import java.util.Map;

/**
 * The rules every object must pass before Portolan stores or serves it, whether it arrives through the API or sits
 * in the manifests folder (and, in Kubernetes mode, before it is sent to the API server): names, namespaces, label
 * and annotation keys and values as the Kubernetes API server checks them, no control characters anywhere in
 * metadata, and a served group/version/kind. Names checked here are what file paths are made of.
 */
public final class ObjectValidator {
    /** The API server's limit on all annotations of one object together (keys and values), in bytes. */
    public static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

    private ObjectValidator() {
    }

    /**
     * Every check.
     *
     * @throws ManifestException naming the field ({@code metadata.name}, {@code metadata.labels[app]},
     *                           {@code apiVersion}...) and the reason
     */
    public static void validate(JsonNode manifest, ResourceKey key, KnownKinds kinds) {
        validateMetadata(manifest, key);
        kinds.check(manifest.path("apiVersion").asText(), key.kind());
    }

    /** The checks that need nothing but the object itself (all but the group/version/kind). */
    public static void validateMetadata(JsonNode manifest, ResourceKey key) {
        String apiVersion = manifest.path("apiVersion").asText();
        noControlCharacters("apiVersion", apiVersion, false);
        noControlCharacters("kind", key.kind(), false);
        JsonNode metadata = manifest.path("metadata");
        String name = metadata.path("name").asText();
        noControlCharacters("metadata.name", name, false);
        fail("metadata.name", nameProblem(key, name));
        if (!key.isClusterScoped()) {
            noControlCharacters("metadata.namespace", key.namespace(), false);
            fail("metadata.namespace", DnsNames.rfc1123Label(key.namespace()));
        }
        labels(metadata.path("labels"));
        annotations(metadata.path("annotations"));
        for (Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals("labels") && !field.getKey().equals("annotations")) {
                noControlCharactersIn("metadata." + field.getKey(), field.getValue(), false);
            }
            noControlCharacters("metadata." + field.getKey(), field.getKey(), false);
        }
    }

    /** Namespaces are RFC 1123 labels, Services RFC 1035 labels, every other kind RFC 1123 subdomains. */
    static String nameProblem(ResourceKey key, String name) {
        if (key.group().equals(ApiGroups.CORE) && key.kind().equals(ApiGroups.NAMESPACE)) {
            return DnsNames.rfc1123Label(name);
        }
        if (key.group().equals(ApiGroups.CORE) && key.kind().equals(ApiGroups.SERVICE)) {
            return DnsNames.rfc1035Label(name);
        }
        return DnsNames.rfc1123Subdomain(name);
    }

    private static void labels(JsonNode labels) {
        if (labels.isMissingNode() || labels.isNull()) {
            return;
        }
        if (!labels.isObject()) {
            throw new ManifestException("metadata.labels", "must be a mapping of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            String field = "metadata.labels[" + label.getKey() + "]";
            noControlCharacters(field, label.getKey(), false);
            fail(field, keyProblem(label.getKey()));
            if (!label.getValue().isTextual()) {
                throw new ManifestException(field, "value must be a string");
            }
            noControlCharacters(field, label.getValue().asText(), false);
            String valueProblem = QualifiedNames.labelValue(label.getValue().asText());
            fail(field, valueProblem == null ? null : "value " + valueProblem);
        }
    }

    private static void annotations(JsonNode annotations) {
        if (annotations.isMissingNode() || annotations.isNull()) {
            return;
        }
        if (!annotations.isObject()) {
            throw new ManifestException("metadata.annotations", "must be a mapping of strings");
        }
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> annotation = it.next();
            String field = "metadata.annotations[" + annotation.getKey() + "]";
            noControlCharacters(field, annotation.getKey(), false);
            fail(field, keyProblem(annotation.getKey()));
            if (!annotation.getValue().isTextual()) {
                throw new ManifestException(field, "value must be a string");
            }
            // multi-line annotation values are common (descriptions, embedded configs): tab and breaks stay allowed
            noControlCharacters(field, annotation.getValue().asText(), true);
            total += utf8Length(annotation.getKey()) + utf8Length(annotation.getValue().asText());
        }
        if (total > ANNOTATIONS_MAX_BYTES) {
            throw new ManifestException("metadata.annotations", "may not exceed " + ANNOTATIONS_MAX_BYTES
                    + " bytes in all (keys and values); these have " + total);
        }
    }

    private static String keyProblem(String key) {
        String problem = QualifiedNames.key(key);
        return problem == null ? null : "key " + problem;
    }

    private static void noControlCharactersIn(String field, JsonNode node, boolean lineBreaksAllowed) {
        if (node.isTextual()) {
            noControlCharacters(field, node.asText(), lineBreaksAllowed);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noControlCharactersIn(field + "[" + i + "]", node.get(i), lineBreaksAllowed);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                noControlCharacters(field, entry.getKey(), false);
                noControlCharactersIn(field + "." + entry.getKey(), entry.getValue(), lineBreaksAllowed);
            }
        }
    }

    /** C0 and C1 controls, DEL, and the bidirectional overrides that make text read other than it is. */
    static void noControlCharacters(String field, String value, boolean lineBreaksAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = isControl(c);
            boolean allowedBreak = lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t');
            if (control && !allowedBreak) {
                throw new ManifestException(field, String.format("must not contain control character U+%04X "
                        + "(at position %d)", (int) c, i));
            }
        }
    }

    static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static void fail(String field, String problem) {
        if (problem != null) {
            throw new ManifestException(field, problem);
        }
    }

    private static long utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
