package dev.portolan.api.problem;

import dev.portolan.model.ResourceKey;
import io.micronaut.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request Portolan refuses, answered as RFC 9457 {@code application/problem+json} naming the object, the field
 * and what is wrong. Thrown by controllers; never carries a stack trace to the client.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String object;
    private final String field;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(HttpStatus status, ResourceKey object, String field, String reason) {
        this(status, object == null ? null : object.toString(), field, reason);
    }

    public ApiException(HttpStatus status, String object, String field, String reason) {
        super(reason);
        this.status = status;
        this.object = object;
        this.field = field;
    }

    public static ApiException badRequest(String object, String field, String reason) {
        return new ApiException(HttpStatus.BAD_REQUEST, object, field, reason);
    }

    /** 422, as the API server answers an object that breaks its rules (a bad name, an unserved kind). */
    public static ApiException unprocessable(String object, String field, String reason) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, object, field, reason);
    }

    public static ApiException notFound(ResourceKey object) {
        return new ApiException(HttpStatus.NOT_FOUND, object, null, object + " does not exist");
    }

    public static ApiException conflict(ResourceKey object, String reason) {
        return new ApiException(HttpStatus.CONFLICT, object, "metadata.resourceVersion", reason);
    }

    /** Adds a response header (WWW-Authenticate, Retry-After) to the problem answer. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    /** The object the problem is about ({@code Kind/namespace/name}), or null. */
    public String object() {
        return object;
    }

    /** The field at fault (JSON path such as {@code spec.rules[0].timeouts.request}), or null. */
    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
