package dev.portolan.api.read;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Parameter;

/** The query parameters every list endpoint takes, bound once (Micronaut {@code @RequestBean}). */
@Introspected
public record ListParameters(
        @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
        @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
        @Nullable @QueryValue String labelSelector,
        @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                + "as gwctl --for, e.g. gateway/default/web; on policies (and policycrds) for a GatewayClass, "
                + "Namespace, Gateway, HTTPRoute or backend: the policies that affect it, as its describe lists "
                + "them (directly attached and inherited), plus BackendTLSPolicies on the backends it sends to") @Nullable @QueryValue("for") String forObject,
        @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
        @Parameter(name = "continue", description = "metadata.continue of the previous page")
        @Nullable @QueryValue("continue") String continueToken) {

    ListQuery query() {
        return ListQuery.parse(namespace, labelSelector, forObject, limit, continueToken);
    }
}
