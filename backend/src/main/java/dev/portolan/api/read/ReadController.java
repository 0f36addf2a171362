package dev.portolan.api.read;

import dev.portolan.api.ApiKinds;
import dev.portolan.api.format.Representations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;

/**
 * The read API: lists and descriptions of Gateway API objects, backends, namespaces, policies and policy CRDs with
 * gwctl's columns and describe sections, from the current snapshot (JSON, or YAML with Accept: application/yaml).
 */
@Controller("/api/v1")
@Produces({MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML})
@Tag(name = "read")
public class ReadController {
    private final ReadIndexes indexes;

    public ReadController(ReadIndexes indexes) {
        this.indexes = indexes;
    }

    private ReadApi api() {
        return new ReadApi(indexes.current(), Instant.now());
    }

    private HttpResponse<String> list(HttpRequest<?> request, ApiKinds kind, String namespace, String labelSelector,
                                      String forObject, Integer limit, String continueToken) {
        ListQuery query = ListQuery.parse(namespace, labelSelector, forObject, limit, continueToken);
        return Representations.ok(request, api().list(kind, query));
    }

    @Get("/gatewayclasses")
    @Operation(summary = "List GatewayClasses (controller, accepted, Gateways, policies)")
    @ApiResponse(responseCode = "200", description = "A list page", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter")
    public HttpResponse<String> listGatewayClasses(HttpRequest<?> request,
            @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
            @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
            @Nullable @QueryValue String labelSelector,
            @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                    + "as gwctl --for, e.g. gateway/default/web") @Nullable @QueryValue("for") String forObject,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
            @Parameter(name = "continue", description = "metadata.continue of the previous page")
            @Nullable @QueryValue("continue") String continueToken) {
        return list(request, ApiKinds.GATEWAY_CLASSES, namespace, labelSelector, forObject, limit, continueToken);
    }

    @Get("/gatewayclasses/{name}")
    @Operation(summary = "Describe one of the gatewayclasses (cluster-scoped), as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot")
    public HttpResponse<String> describeGatewayClasses(HttpRequest<?> request, @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.GATEWAY_CLASSES, "", name));
    }

    @Get("/gateways")
    @Operation(summary = "List Gateways (class, addresses, ports, programmed, attached routes, policies)")
    @ApiResponse(responseCode = "200", description = "A list page", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter")
    public HttpResponse<String> listGateways(HttpRequest<?> request,
            @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
            @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
            @Nullable @QueryValue String labelSelector,
            @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                    + "as gwctl --for, e.g. gateway/default/web") @Nullable @QueryValue("for") String forObject,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
            @Parameter(name = "continue", description = "metadata.continue of the previous page")
            @Nullable @QueryValue("continue") String continueToken) {
        return list(request, ApiKinds.GATEWAYS, namespace, labelSelector, forObject, limit, continueToken);
    }

    @Get("/gateways/{namespace}/{name}")
    @Operation(summary = "Describe one of the gateways, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot")
    public HttpResponse<String> describeGateways(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.GATEWAYS, namespace, name));
    }

    @Get("/httproutes")
    @Operation(summary = "List HTTPRoutes (hostnames, parent refs, Accepted/ResolvedRefs over parents, policies)")
    @ApiResponse(responseCode = "200", description = "A list page", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter")
    public HttpResponse<String> listHttpRoutes(HttpRequest<?> request,
            @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
            @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
            @Nullable @QueryValue String labelSelector,
            @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                    + "as gwctl --for, e.g. gateway/default/web") @Nullable @QueryValue("for") String forObject,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
            @Parameter(name = "continue", description = "metadata.continue of the previous page")
            @Nullable @QueryValue("continue") String continueToken) {
        return list(request, ApiKinds.HTTP_ROUTES, namespace, labelSelector, forObject, limit, continueToken);
    }

    @Get("/httproutes/{namespace}/{name}")
    @Operation(summary = "Describe one of the httproutes, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot")
    public HttpResponse<String> describeHttpRoutes(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.HTTP_ROUTES, namespace, name));
    }

    @Get("/referencegrants")
    @Operation(summary = "List ReferenceGrants")
    @ApiResponse(responseCode = "200", description = "A list page", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter")
    public HttpResponse<String> listReferenceGrants(HttpRequest<?> request,
            @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
            @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
            @Nullable @QueryValue String labelSelector,
            @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                    + "as gwctl --for, e.g. gateway/default/web") @Nullable @QueryValue("for") String forObject,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
            @Parameter(name = "continue", description = "metadata.continue of the previous page")
            @Nullable @QueryValue("continue") String continueToken) {
        return list(request, ApiKinds.REFERENCE_GRANTS, namespace, labelSelector, forObject, limit, continueToken);
    }

    @Get("/referencegrants/{namespace}/{name}")
    @Operation(summary = "Describe one of the referencegrants, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot")
    public HttpResponse<String> describeReferenceGrants(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.REFERENCE_GRANTS, namespace, name));
    }

    @Get("/backendtlspolicies")
    @Operation(summary = "List BackendTLSPolicies")
    @ApiResponse(responseCode = "200", description = "A list page", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter")
    public HttpResponse<String> listBackendTlsPolicies(HttpRequest<?> request,
            @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
            @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
            @Nullable @QueryValue String labelSelector,
            @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                    + "as gwctl --for, e.g. gateway/default/web") @Nullable @QueryValue("for") String forObject,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
            @Parameter(name = "continue", description = "metadata.continue of the previous page")
            @Nullable @QueryValue("continue") String continueToken) {
        return list(request, ApiKinds.BACKEND_TLS_POLICIES, namespace, labelSelector, forObject, limit, continueToken);
    }

    @Get("/backendtlspolicies/{namespace}/{name}")
    @Operation(summary = "Describe one of the backendtlspolicies, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot")
    public HttpResponse<String> describeBackendTlsPolicies(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.BACKEND_TLS_POLICIES, namespace, name));
    }

    @Get("/backends")
    @Operation(summary = "List Backends: Services (type, referred-by routes, policies)")
    @ApiResponse(responseCode = "200", description = "A list page", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter")
    public HttpResponse<String> listBackends(HttpRequest<?> request,
            @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
            @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
            @Nullable @QueryValue String labelSelector,
            @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                    + "as gwctl --for, e.g. gateway/default/web") @Nullable @QueryValue("for") String forObject,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
            @Parameter(name = "continue", description = "metadata.continue of the previous page")
            @Nullable @QueryValue("continue") String continueToken) {
        return list(request, ApiKinds.BACKENDS, namespace, labelSelector, forObject, limit, continueToken);
    }

    @Get("/backends/{namespace}/{name}")
    @Operation(summary = "Describe one of the backends, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot")
    public HttpResponse<String> describeBackends(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.BACKENDS, namespace, name));
    }

    @Get("/namespaces")
    @Operation(summary = "List Namespaces (declared or holding objects; status, policies)")
    @ApiResponse(responseCode = "200", description = "A list page", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter")
    public HttpResponse<String> listNamespaces(HttpRequest<?> request,
            @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
            @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
            @Nullable @QueryValue String labelSelector,
            @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                    + "as gwctl --for, e.g. gateway/default/web") @Nullable @QueryValue("for") String forObject,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
            @Parameter(name = "continue", description = "metadata.continue of the previous page")
            @Nullable @QueryValue("continue") String continueToken) {
        return list(request, ApiKinds.NAMESPACES, namespace, labelSelector, forObject, limit, continueToken);
    }

    @Get("/namespaces/{name}")
    @Operation(summary = "Describe one of the namespaces (cluster-scoped), as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot")
    public HttpResponse<String> describeNamespaces(HttpRequest<?> request, @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.NAMESPACES, "", name));
    }

    @Get("/policies")
    @Operation(summary = "List policies: objects of CRDs labelled gateway.networking.k8s.io/policy, BackendTLSPolicies "
            + "and TimeoutPolicies (kind, targets, Direct/Inherited, accepted)")
    @ApiResponse(responseCode = "200", description = "A list page", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter")
    public HttpResponse<String> listPolicies(HttpRequest<?> request,
            @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
            @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
            @Nullable @QueryValue String labelSelector,
            @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                    + "as gwctl --for, e.g. gateway/default/web") @Nullable @QueryValue("for") String forObject,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
            @Parameter(name = "continue", description = "metadata.continue of the previous page")
            @Nullable @QueryValue("continue") String continueToken) {
        ListQuery query = ListQuery.parse(namespace, labelSelector, forObject, limit, continueToken);
        return Representations.ok(request, api().listPolicies(query));
    }

    @Get("/policies/{kind}/{namespace}/{name}")
    @Operation(summary = "Describe a namespaced policy: targets (and whether each exists), inherited, spec, status")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "Not a policy kind")
    @ApiResponse(responseCode = "404", description = "No such policy in the current snapshot")
    public HttpResponse<String> describePolicy(HttpRequest<?> request,
            @Parameter(description = "Kind.group, e.g. TimeoutPolicy.gateway.portolan.dev") @PathVariable String kind,
            @PathVariable String namespace, @PathVariable String name) {
        return Representations.ok(request, api().describePolicy(kind, namespace, name));
    }

    @Get("/policies/{kind}/{name}")
    @Operation(summary = "Describe a cluster-scoped policy")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "Not a policy kind")
    @ApiResponse(responseCode = "404", description = "No such policy in the current snapshot")
    public HttpResponse<String> describeClusterPolicy(HttpRequest<?> request,
            @Parameter(description = "Kind.group, e.g. TimeoutPolicy.bar.com") @PathVariable String kind,
            @PathVariable String name) {
        return Representations.ok(request, api().describePolicy(kind, null, name));
    }

    @Get("/policycrds")
    @Operation(summary = "List policy CRDs (policy type Direct/Inherited, scope)")
    @ApiResponse(responseCode = "200", description = "A list page", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter")
    public HttpResponse<String> listPolicyCrds(HttpRequest<?> request,
            @Parameter(description = "Only this namespace (absent: all)") @Nullable @QueryValue String namespace,
            @Parameter(description = "Kubernetes label selector, e.g. a=b,c!=d,e in (x,y),!f,g")
            @Nullable @QueryValue String labelSelector,
            @Parameter(name = "for", description = "Only what relates to KIND/NAMESPACE/NAME (or KIND/NAME), "
                    + "as gwctl --for, e.g. gateway/default/web") @Nullable @QueryValue("for") String forObject,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @Nullable @QueryValue Integer limit,
            @Parameter(name = "continue", description = "metadata.continue of the previous page")
            @Nullable @QueryValue("continue") String continueToken) {
        ListQuery query = ListQuery.parse(namespace, labelSelector, forObject, limit, continueToken);
        return Representations.ok(request, api().listPolicyCrds(query));
    }

    @Get("/policycrds/{name}")
    @Operation(summary = "Describe a policy CRD")
    @ApiResponse(responseCode = "200", description = "The description", content = @Content(schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "No such policy CRD")
    public HttpResponse<String> describePolicyCrd(HttpRequest<?> request, @PathVariable String name) {
        return Representations.ok(request, api().describePolicyCrd(name));
    }
}
