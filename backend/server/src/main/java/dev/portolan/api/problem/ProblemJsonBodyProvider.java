package dev.portolan.api.problem;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Every error Portolan's HTTP server answers (its own and Micronaut's: unknown route, bad parameter, wrong method)
 * is RFC 9457 {@code application/problem+json}: type, title, status, detail, instance, plus {@code object},
 * {@code field} and {@code reason} when Portolan knows them. Server errors never show internals.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemJsonBodyProvider implements JsonErrorResponseBodyProvider<ObjectNode> {
    public static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public ObjectNode body(ErrorContext context, HttpResponse<?> response) {
        int status = response.getStatus().getCode();
        ObjectNode problem = JsonNodeFactory.instance.objectNode()
                .put("type", "about:blank")
                .put("title", response.getStatus().getReason())
                .put("status", status)
                .put("instance", context.getRequest().getPath());
        ApiException api = context.getRootCause().filter(ApiException.class::isInstance)
                .map(ApiException.class::cast).orElse(null);
        if (api != null) {
            problem.put("detail", api.reason());
            if (api.object() != null) {
                problem.put("object", api.object());
            }
            if (api.field() != null) {
                problem.put("field", api.field());
            }
            problem.put("reason", api.reason());
        } else if (status >= 500) {
            problem.put("detail", "Portolan could not answer this request; the server log has the details");
        } else {
            String detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
            problem.put("detail", detail);
            // Micronaut's own refusals (a missing body, a bad query parameter) name the argument: that is the field.
            context.getErrors().stream().map(Error::getPath).flatMap(java.util.Optional::stream).findFirst()
                    .map(path -> path.startsWith("/") ? path.substring(1) : path)
                    .filter(path -> !path.isBlank())
                    .ifPresent(path -> problem.put("field", path).put("reason", detail));
        }
        return problem;
    }

    @Override
    public String contentType() {
        return PROBLEM_JSON;
    }
}
