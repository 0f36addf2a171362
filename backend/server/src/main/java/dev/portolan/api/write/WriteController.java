package dev.portolan.api.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiDocumentation;
import dev.portolan.api.ApiKinds;
import dev.portolan.api.format.Representations;
import dev.portolan.api.problem.ApiException;
import dev.portolan.api.problem.ProblemSchema;
import dev.portolan.wiring.PortolanConfig;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.validation.KnownKinds;
import dev.portolan.store.ResourceStore;
import dev.portolan.store.StoredObject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Clock;
import java.util.List;

/**
 * Writes for automation: apply (create or replace, kubectl semantics), delete, and a dry run answering like gwctl
 * analyze. Every write answers only once the control plane snapshot includes it (or after 2 s, with
 * {@code visible: false}), so a read right after a write sees it. Bearer token enforced by the AccessFilter.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class WriteController {
    private static final String YAML = Representations.APPLICATION_YAML;
    private static final String JSON_TYPE = MediaType.APPLICATION_JSON;
    private static final String UNAUTHORIZED = "No Authorization: Bearer <write token>, or a wrong one";

    private final ObjectWriter writer;
    private final ResourceStore store;
    private final PortolanConfig config;
    private final Clock clock = Clock.systemUTC();

    public WriteController(ObjectWriter writer, ResourceStore store, PortolanConfig config) {
        this.writer = writer;
        this.store = store;
        this.config = config;
    }

    @Post("/apply")
    @Consumes({YAML, JSON_TYPE, "text/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
    @Produces({JSON_TYPE, YAML})
    @Operation(summary = "Create or replace objects (kubectl apply semantics)",
            description = "Body: one or many YAML documents, a JSON object or array, or a Kubernetes List. Every "
                    + "document is validated before anything is written. A document carrying "
                    + "metadata.resourceVersion is written only if that is still the stored version (else 409). "
                    + "The answer lists each object with action created/configured/unchanged, its new "
                    + "resourceVersion and generation; it is sent once the snapshot includes the write "
                    + "(visible=true) or after 2 s (visible=false). With dryRun=true nothing is written and the "
                    + "answer is that of /api/v1/analyze.")
    @ApiResponse(responseCode = "200", description = "What was written (or, with dryRun, what would change)",
            content = @Content(mediaType = JSON_TYPE, schema = @Schema(ref = "#/components/schemas/ApplyResult")))
    @ApiResponse(responseCode = "400", description = "A document is malformed (syntax, duplicate key, a field of the "
            + "wrong type, more than 5,000 documents): nothing was written",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "413", description = "The body is over 3 MiB: nothing was read",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "422", description = "A document breaks the API server's rules (name, namespace, "
            + "labels, annotations, control characters in metadata, an unserved apiVersion/kind): nothing was "
            + "written",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "409", description = "A resourceVersion precondition is stale",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @SecurityRequirement(name = ApiDocumentation.WRITE_TOKEN)
    @ApiResponse(responseCode = "403", description = "The token has role viewer; writes need editor",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> apply(HttpRequest<?> request, @Body String body,
                                      @Parameter(description = "Only analyze, write nothing", required = false)
                                      @QueryValue(defaultValue = "false") boolean dryRun) {
        List<Document> documents = DocumentValidator.validate(ManifestDocuments.parse(body, contentType(request)), installedCrds());
        if (dryRun) {
            return Representations.ok(request, WriteRendering.analysis(analyze(documents, List.of())));
        }
        return Representations.ok(request, WriteRendering.outcome(audited(request, writer.apply(documents))));
    }

    @Post("/analyze")
    @Consumes({YAML, JSON_TYPE, "text/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
    @Produces({JSON_TYPE, YAML})
    @Operation(summary = "Dry run, as gwctl analyze: what would change, issues introduced, fixed and unchanged",
            description = "Same body as apply. With delete=true the documents name objects to delete instead "
                    + "(only apiVersion, kind and metadata are read). Issues are False status conditions, what "
                    + "the proxy config cannot express, and references to missing objects or without a "
                    + "ReferenceGrant. Nothing is written.")
    @ApiResponse(responseCode = "200", description = "changes, issuesIntroduced, issuesFixed, issuesUnchanged",
            content = @Content(mediaType = JSON_TYPE, schema = @Schema(ref = "#/components/schemas/Analysis")))
    @ApiResponse(responseCode = "400", description = "A document is malformed",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "413", description = "The body is over 3 MiB: nothing was read",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "422", description = "A document breaks the API server's rules",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "409", description = "A resourceVersion precondition is stale",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @SecurityRequirement(name = ApiDocumentation.WRITE_TOKEN)
    @ApiResponse(responseCode = "403", description = "The token has role viewer; writes need editor",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> analyze(HttpRequest<?> request, @Body String body,
                                        @Parameter(description = "The documents are objects to delete", required = false)
                                        @QueryValue(defaultValue = "false") boolean delete) {
        List<Document> documents;
        if (delete) {
            documents = DeletionDocuments.identify(ManifestDocuments.parse(body, contentType(request)));
        } else {
            documents = DocumentValidator.validate(ManifestDocuments.parse(body, contentType(request)), installedCrds());
        }
        Analysis analysis = delete
                ? analyze(List.of(), documents.stream().map(Document::key).toList())
                : analyze(documents, List.of());
        return Representations.ok(request, WriteRendering.analysis(analysis));
    }

    private Analysis analyze(List<Document> applies, List<ResourceKey> deletions) {
        var current = store.snapshot();
        for (Document document : applies) {
            Preconditions.check(current, document.key(), document.expectedResourceVersion());
        }
        return DryRunAnalyzer.analyze(current, applies, deletions, config.getControllerName(), clock.instant());
    }

    @Delete("/objects/{group}/{kind}/{namespace}/{name}")
    @Produces({JSON_TYPE, YAML})
    @Operation(summary = "Delete a namespaced object of any kind",
            description = "group \"core\" (or \"-\") names the core group. Answers once the snapshot no longer "
                    + "holds the object (or after 2 s, visible=false).")
    @ApiResponse(responseCode = "200", description = "The object was deleted",
            content = @Content(mediaType = JSON_TYPE, schema = @Schema(ref = "#/components/schemas/WriteResult")))
    @ApiResponse(responseCode = "404", description = "No such object",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "409", description = "The resourceVersion precondition is stale",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @SecurityRequirement(name = ApiDocumentation.WRITE_TOKEN)
    @ApiResponse(responseCode = "403", description = "The token has role viewer; writes need editor",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> deleteObject(HttpRequest<?> request, String group, String kind, String namespace,
                                             String name,
                                             @Parameter(description = "Delete only if this is the stored version")
                                             @Nullable @QueryValue String resourceVersion) {
        return delete(request, ResourceKey.of(coreGroup(group), kind, namespace, name), resourceVersion);
    }

    @Delete("/objects/{group}/{kind}/{name}")
    @Produces({JSON_TYPE, YAML})
    @Operation(summary = "Delete a cluster-scoped object of any kind (e.g. a GatewayClass or Namespace)")
    @ApiResponse(responseCode = "200", description = "The object was deleted",
            content = @Content(mediaType = JSON_TYPE, schema = @Schema(ref = "#/components/schemas/WriteResult")))
    @ApiResponse(responseCode = "404", description = "No such object",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "409", description = "The resourceVersion precondition is stale",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @SecurityRequirement(name = ApiDocumentation.WRITE_TOKEN)
    @ApiResponse(responseCode = "403", description = "The token has role viewer; writes need editor",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> deleteClusterObject(HttpRequest<?> request, String group, String kind, String name,
                                                    @Parameter(description = "Delete only if this is the stored "
                                                            + "version")
                                                    @Nullable @QueryValue String resourceVersion) {
        return delete(request, ResourceKey.of(coreGroup(group), kind, "", name), resourceVersion);
    }

    @Delete("/{plural}/{namespace}/{name}")
    @Produces({JSON_TYPE, YAML})
    @Operation(summary = "Delete a namespaced object by its API kind (gateways, httproutes, referencegrants, "
            + "backendtlspolicies, backends)")
    @ApiResponse(responseCode = "200", description = "The object was deleted",
            content = @Content(mediaType = JSON_TYPE, schema = @Schema(ref = "#/components/schemas/WriteResult")))
    @ApiResponse(responseCode = "404", description = "No such object or kind",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "409", description = "The resourceVersion precondition is stale",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @SecurityRequirement(name = ApiDocumentation.WRITE_TOKEN)
    @ApiResponse(responseCode = "403", description = "The token has role viewer; writes need editor",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> deleteByKind(HttpRequest<?> request, String plural, String namespace, String name,
                                             @Parameter(description = "Delete only if this is the stored version")
                                             @Nullable @QueryValue String resourceVersion) {
        ApiKinds kind = kind(plural);
        if (!kind.namespaced()) {
            throw ApiException.badRequest(null, "path", kind.kind() + " is cluster-scoped: DELETE /api/v1/"
                    + kind.plural() + "/{name}");
        }
        return delete(request, kind.key(namespace, name), resourceVersion);
    }

    @Delete("/{plural}/{name}")
    @Produces({JSON_TYPE, YAML})
    @Operation(summary = "Delete a cluster-scoped object by its API kind (gatewayclasses, namespaces)")
    @ApiResponse(responseCode = "200", description = "The object was deleted",
            content = @Content(mediaType = JSON_TYPE, schema = @Schema(ref = "#/components/schemas/WriteResult")))
    @ApiResponse(responseCode = "404", description = "No such object or kind",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "409", description = "The resourceVersion precondition is stale",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @SecurityRequirement(name = ApiDocumentation.WRITE_TOKEN)
    @ApiResponse(responseCode = "403", description = "The token has role viewer; writes need editor",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> deleteClusterByKind(HttpRequest<?> request, String plural, String name,
                                                    @Parameter(description = "Delete only if this is the stored "
                                                            + "version")
                                                    @Nullable @QueryValue String resourceVersion) {
        ApiKinds kind = kind(plural);
        if (kind.namespaced()) {
            throw ApiException.badRequest(null, "path", kind.kind() + " is namespaced: DELETE /api/v1/"
                    + kind.plural() + "/{namespace}/{name}");
        }
        return delete(request, kind.key("", name), resourceVersion);
    }

    private HttpResponse<String> delete(HttpRequest<?> request, ResourceKey key, String resourceVersion) {
        ObjectWriter.Outcome outcome = writer.delete(key, resourceVersion);
        return Representations.ok(request, WriteRendering.outcome(audited(request, outcome)));
    }

    /** Hands what was written to the audit log (its filter records it with the answer's status). */
    private static ObjectWriter.Outcome audited(HttpRequest<?> request, ObjectWriter.Outcome outcome) {
        request.setAttribute(WriteResult.REQUEST_ATTRIBUTE, outcome.results());
        return outcome;
    }

    private static ApiKinds kind(String plural) {
        return ApiKinds.byName(plural).orElseThrow(() -> new ApiException(io.micronaut.http.HttpStatus.NOT_FOUND,
                (String) null, "path", "unknown kind \"" + plural + "\"; use /api/v1/objects/{group}/{kind}/... "
                + "for kinds without a short path"));
    }

    /** The CRDs the store holds: the kinds they serve may be applied. */
    private List<JsonNode> installedCrds() {
        // only the CRDs' stretch of the sorted objects, not a walk of every object per write
        return store.snapshot().byKey().subMap(ResourceKey.of(ApiGroups.APIEXTENSIONS, ApiGroups.CRD, "", ""),
                        ResourceKey.of(ApiGroups.APIEXTENSIONS, ApiGroups.CRD + "\0", "", "")).values().stream()
                .map(StoredObject::manifest).filter(KnownKinds::isCrd).map(JsonNode.class::cast).toList();
    }

    private static String coreGroup(String group) {
        return group.equals("core") || group.equals("-") ? "" : group;
    }

    private static String contentType(HttpRequest<?> request) {
        return request.getContentType().map(MediaType::getName).orElse(YAML);
    }
}
