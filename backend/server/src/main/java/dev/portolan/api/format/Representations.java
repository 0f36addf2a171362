package dev.portolan.api.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Every API answer in JSON, or Kubernetes-style YAML when the client asks with {@code Accept: application/yaml}. */
public final class Representations {
    public static final String APPLICATION_YAML = "application/yaml";
    private static final Set<String> YAML_TYPES = Set.of(APPLICATION_YAML, "text/yaml", "application/x-yaml");
    private static final List<String> JSON_OR_YAML = List.of(MediaType.APPLICATION_JSON, APPLICATION_YAML,
            "text/yaml", "application/x-yaml");

    private Representations() {
    }

    /**
     * YAML only when the client prefers it: a generated client sends every type the spec lists
     * ({@code Accept: application/json, application/yaml}) and must get the first, JSON.
     */
    public static boolean wantsYaml(HttpRequest<?> request) {
        return YAML_TYPES.contains(preferred(request, JSON_OR_YAML));
    }

    /**
     * The offered type the client prefers: highest q first, then the order of its Accept header; a wildcard or
     * no match picks the first offered (the default representation).
     */
    public static String preferred(HttpRequest<?> request, List<String> offered) {
        List<MediaType> accepted = request.getHeaders().accept().stream()
                .sorted(Comparator.comparing(MediaType::getQualityAsNumber).reversed())
                .toList();
        for (MediaType type : accepted) {
            if (offered.contains(type.getName())) {
                return type.getName();
            }
            if (type.getName().equals("*/*")) {
                return offered.get(0);
            }
            String wildcardPrefix = type.getType() + "/";
            if (type.getSubtype().equals("*")) {
                for (String candidate : offered) {
                    if (candidate.startsWith(wildcardPrefix)) {
                        return candidate;
                    }
                }
            }
        }
        return offered.get(0);
    }

    /** 200 with the body in the representation the client asked for. */
    public static HttpResponse<String> ok(HttpRequest<?> request, JsonNode body) {
        try {
            if (wantsYaml(request)) {
                return HttpResponse.ok(Manifests.YAML.writeValueAsString(body)).contentType(APPLICATION_YAML);
            }
            return HttpResponse.ok(Manifests.JSON.writeValueAsString(body)).contentType(MediaType.APPLICATION_JSON);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
