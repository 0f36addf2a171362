package dev.portolan.api.access;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.util.Map;

/** Test only: answers the principal and role the access filter left on the request. */
@Controller("/api/v1/test-principal")
@Requires(env = AccessPolicyTest.ENVIRONMENT)
class PrincipalEchoController {
    @Get
    Map<String, Object> read(HttpRequest<?> request) {
        return of(request);
    }

    @Post(consumes = MediaType.ALL)
    Map<String, Object> write(HttpRequest<?> request) {
        return of(request);
    }

    private static Map<String, Object> of(HttpRequest<?> request) {
        return Map.of("principal", request.getAttribute(AccessAttributes.PRINCIPAL, String.class).orElse("none"),
                "role", request.getAttribute(AccessAttributes.ROLE, String.class).orElse("none"));
    }
}
