package dev.portolan.api.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import java.io.UncheckedIOException;

/** Every API answer in JSON, or Kubernetes-style YAML when the client asks with {@code Accept: application/yaml}. */
public final class Representations {
    public static final String APPLICATION_YAML = "application/yaml";

    private Representations() {
    }

    public static boolean wantsYaml(HttpRequest<?> request) {
        return request.getHeaders().accept().stream().map(MediaType::getName)
                .anyMatch(name -> name.equals(APPLICATION_YAML) || name.equals("text/yaml")
                        || name.equals("application/x-yaml"));
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
