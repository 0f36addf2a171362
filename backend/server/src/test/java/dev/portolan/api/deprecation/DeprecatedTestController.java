package dev.portolan.api.deprecation;

import dev.portolan.api.problem.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** Deliberately deprecated operations, only in {@link DeprecationFilterTest}: nothing in v1 is deprecated today. */
@Requires(property = "test.deprecation.controller", value = "true")
@Controller("/api/v1/test-deprecated")
class DeprecatedTestController {
    @Get
    @DeprecatedOperation(since = "2026-12-01T00:00:00Z", sunset = "2027-06-01T00:00:00Z",
            link = "https://portolan.dev/releases/0.2#deprecations")
    HttpResponse<String> old() {
        return HttpResponse.ok("{}");
    }

    @Get("/failing")
    @DeprecatedOperation(since = "2026-12-01T00:00:00Z")
    HttpResponse<String> failing() {
        throw ApiException.badRequest("test-deprecated", "failing", "always refused");
    }
}
