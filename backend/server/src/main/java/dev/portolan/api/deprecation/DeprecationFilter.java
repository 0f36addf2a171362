package dev.portolan.api.deprecation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;

/**
 * Adds the {@link DeprecatedOperation} headers to every answer of a deprecated operation, errors included (a
 * client learns of the deprecation from whatever it gets back).
 */
@ServerFilter("/**")
public class DeprecationFilter {

    @ResponseFilter
    public void announce(HttpRequest<?> request, MutableHttpResponse<?> response) {
        RouteAttributes.getRouteMatch(request)
                .map(route -> route.getAnnotationMetadata().synthesize(DeprecatedOperation.class))
                .ifPresent(deprecation -> DeprecationHeaders.of(deprecation)
                        .forEach((name, value) -> response.getHeaders().set(name, value)));
    }
}
