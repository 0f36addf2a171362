package dev.portolan.api.read;

import dev.portolan.api.ApiKinds;
import dev.portolan.api.format.Representations;
import dev.portolan.api.problem.ProblemSchema;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.RequestBean;
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
    private final CurrentReadIndex indexes;

    public ReadController(CurrentReadIndex indexes) {
        this.indexes = indexes;
    }

    private ReadApi api() {
        return new ReadApi(indexes.current(), Instant.now());
    }

    private HttpResponse<String> list(HttpRequest<?> request, ApiKinds kind, ListParameters parameters) {
        return Representations.ok(request, api().list(kind, parameters.query()));
    }

    @Get("/gatewayclasses")
    @Operation(summary = "List GatewayClasses (controller, accepted, Gateways, policies)")
    @ApiResponse(responseCode = "200", description = "A list page",
            content = @Content(schema = @Schema(ref = "#/components/schemas/GatewayClassList")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for does not exist",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> listGatewayClasses(HttpRequest<?> request,
            @RequestBean ListParameters parameters) {
        return list(request, ApiKinds.GATEWAY_CLASSES, parameters);
    }

    @Get("/gatewayclasses/{name}")
    @Operation(summary = "Describe one of the gatewayclasses (cluster-scoped), as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/GatewayClassDescription")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describeGatewayClasses(HttpRequest<?> request, @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.GATEWAY_CLASSES, "", name));
    }

    @Get("/gateways")
    @Operation(summary = "List Gateways (class, addresses, ports, programmed, attached routes, policies)")
    @ApiResponse(responseCode = "200", description = "A list page",
            content = @Content(schema = @Schema(ref = "#/components/schemas/GatewayList")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for does not exist",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> listGateways(HttpRequest<?> request,
            @RequestBean ListParameters parameters) {
        return list(request, ApiKinds.GATEWAYS, parameters);
    }

    @Get("/gateways/{namespace}/{name}")
    @Operation(summary = "Describe one of the gateways, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/GatewayDescription")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describeGateways(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.GATEWAYS, namespace, name));
    }

    @Get("/httproutes")
    @Operation(summary = "List HTTPRoutes (hostnames, parent refs, Accepted/ResolvedRefs over parents, policies)")
    @ApiResponse(responseCode = "200", description = "A list page",
            content = @Content(schema = @Schema(ref = "#/components/schemas/HTTPRouteList")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for does not exist",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> listHttpRoutes(HttpRequest<?> request,
            @RequestBean ListParameters parameters) {
        return list(request, ApiKinds.HTTP_ROUTES, parameters);
    }

    @Get("/httproutes/{namespace}/{name}")
    @Operation(summary = "Describe one of the httproutes, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/HTTPRouteDescription")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describeHttpRoutes(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.HTTP_ROUTES, namespace, name));
    }

    @Get("/referencegrants")
    @Operation(summary = "List ReferenceGrants")
    @ApiResponse(responseCode = "200", description = "A list page",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ReferenceGrantList")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for does not exist",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> listReferenceGrants(HttpRequest<?> request,
            @RequestBean ListParameters parameters) {
        return list(request, ApiKinds.REFERENCE_GRANTS, parameters);
    }

    @Get("/referencegrants/{namespace}/{name}")
    @Operation(summary = "Describe one of the referencegrants, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ReferenceGrantDescription")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describeReferenceGrants(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.REFERENCE_GRANTS, namespace, name));
    }

    @Get("/backendtlspolicies")
    @Operation(summary = "List BackendTLSPolicies")
    @ApiResponse(responseCode = "200", description = "A list page",
            content = @Content(schema = @Schema(ref = "#/components/schemas/BackendTLSPolicyList")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for does not exist",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> listBackendTlsPolicies(HttpRequest<?> request,
            @RequestBean ListParameters parameters) {
        return list(request, ApiKinds.BACKEND_TLS_POLICIES, parameters);
    }

    @Get("/backendtlspolicies/{namespace}/{name}")
    @Operation(summary = "Describe one of the backendtlspolicies, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/BackendTLSPolicyDescription")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describeBackendTlsPolicies(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.BACKEND_TLS_POLICIES, namespace, name));
    }

    @Get("/backends")
    @Operation(summary = "List Backends: Services (type, referred-by routes, policies)")
    @ApiResponse(responseCode = "200", description = "A list page",
            content = @Content(schema = @Schema(ref = "#/components/schemas/BackendList")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for does not exist",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> listBackends(HttpRequest<?> request,
            @RequestBean ListParameters parameters) {
        return list(request, ApiKinds.BACKENDS, parameters);
    }

    @Get("/backends/{namespace}/{name}")
    @Operation(summary = "Describe one of the backends, as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ObjectDescription")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describeBackends(HttpRequest<?> request, @PathVariable String namespace,
                                                @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.BACKENDS, namespace, name));
    }

    @Get("/namespaces")
    @Operation(summary = "List Namespaces (declared or holding objects; status, policies)")
    @ApiResponse(responseCode = "200", description = "A list page",
            content = @Content(schema = @Schema(ref = "#/components/schemas/NamespaceList")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for does not exist",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> listNamespaces(HttpRequest<?> request,
            @RequestBean ListParameters parameters) {
        return list(request, ApiKinds.NAMESPACES, parameters);
    }

    @Get("/namespaces/{name}")
    @Operation(summary = "Describe one of the namespaces (cluster-scoped), as gwctl describe, with analysis and links")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ObjectDescription")))
    @ApiResponse(responseCode = "404", description = "No such object in the current snapshot",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describeNamespaces(HttpRequest<?> request, @PathVariable String name) {
        return Representations.ok(request, api().describe(ApiKinds.NAMESPACES, "", name));
    }

    @Get("/policies")
    @Operation(summary = "List policies: objects of CRDs labelled gateway.networking.k8s.io/policy, BackendTLSPolicies "
            + "and TimeoutPolicies (kind, targets, Direct/Inherited, accepted)")
    @ApiResponse(responseCode = "200", description = "A list page",
            content = @Content(schema = @Schema(ref = "#/components/schemas/PolicyList")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for does not exist",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> listPolicies(HttpRequest<?> request,
            @RequestBean ListParameters parameters) {
        return Representations.ok(request, api().listPolicies(parameters.query()));
    }

    @Get("/policies/{kind}/{namespace}/{name}")
    @Operation(summary = "Describe a namespaced policy: targets (and whether each exists), inherited, spec, status")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/PolicyDescription")))
    @ApiResponse(responseCode = "400", description = "Not a policy kind",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "No such policy in the current snapshot",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describePolicy(HttpRequest<?> request,
            @Parameter(description = "Kind.group, e.g. TimeoutPolicy.gateway.portolan.dev") @PathVariable String kind,
            @PathVariable String namespace, @PathVariable String name) {
        return Representations.ok(request, api().describePolicy(kind, namespace, name));
    }

    @Get("/policies/{kind}/{name}")
    @Operation(summary = "Describe a cluster-scoped policy")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/PolicyDescription")))
    @ApiResponse(responseCode = "400", description = "Not a policy kind",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "No such policy in the current snapshot",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describeClusterPolicy(HttpRequest<?> request,
            @Parameter(description = "Kind.group, e.g. TimeoutPolicy.bar.com") @PathVariable String kind,
            @PathVariable String name) {
        return Representations.ok(request, api().describePolicy(kind, null, name));
    }

    @Get("/policycrds")
    @Operation(summary = "List policy CRDs (policy type Direct/Inherited, scope)")
    @ApiResponse(responseCode = "200", description = "A list page",
            content = @Content(schema = @Schema(ref = "#/components/schemas/PolicyCrdList")))
    @ApiResponse(responseCode = "400", description = "A malformed parameter",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for does not exist",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> listPolicyCrds(HttpRequest<?> request,
            @RequestBean ListParameters parameters) {
        return Representations.ok(request, api().listPolicyCrds(parameters.query()));
    }

    @Get("/policycrds/{name}")
    @Operation(summary = "Describe a policy CRD")
    @ApiResponse(responseCode = "200", description = "The description",
            content = @Content(schema = @Schema(ref = "#/components/schemas/PolicyCrdDescription")))
    @ApiResponse(responseCode = "404", description = "No such policy CRD",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> describePolicyCrd(HttpRequest<?> request, @PathVariable String name) {
        return Representations.ok(request, api().describePolicyCrd(name));
    }
}
