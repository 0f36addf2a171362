package dev.portolan.api.audit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Stands in for the access rule, which names the principal: takes it from a test header (audit tests only). */
@Requires(property = "test.audit.principal-header", value = "true")
@ServerFilter("/api/**")
public class TestPrincipalFilter {
    @RequestFilter
    public void name(HttpRequest<?> request) {
        request.getHeaders().getFirst("X-Test-Principal")
                .ifPresent(name -> request.setAttribute(AuditFilter.PRINCIPAL, name));
    }
}
