package dev.portolan.api.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Turns an {@link ApiException} into its status and a problem+json body. */
@Singleton
@Produces
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    public ApiExceptionHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
        var response = HttpResponse.status(exception.status());
        exception.headers().forEach(response::header);
        return errors.processResponse(ErrorContext.builder(request).cause(exception)
                .errorMessage(exception.reason()).build(), response);
    }
}
