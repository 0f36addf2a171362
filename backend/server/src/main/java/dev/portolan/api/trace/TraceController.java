package dev.portolan.api.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.format.Representations;
import dev.portolan.api.problem.ApiException;
import dev.portolan.api.problem.ProblemSchema;
import dev.portolan.wiring.PortolanConfig;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.distribute.PublishedConfig;
import dev.portolan.model.Manifests;
import dev.portolan.snapshot.SnapshotService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The request tracer: which listener, route rule, filters, backends, timeouts and backend TLS a request would get,
 * answered from the currently published proxy config with the proxy's own matcher.
 */
@Controller("/api/v1/trace")
public class TraceController {
    private final ConfigPublisher publisher;
    private final SnapshotService snapshots;
    /** Route tables of the latest config version; compiled once per version, shared by all traces. */
    private final AtomicReference<CompiledConfig> compiled = new AtomicReference<>();
    /** Whether the proxy merges "//" ({@code portolan.proxy.merge-slashes}); the tracer normalizes as it does. */
    private final boolean mergeSlashes;

    public TraceController(ConfigPublisher publisher, SnapshotService snapshots, PortolanConfig config) {
        this.publisher = publisher;
        this.snapshots = snapshots;
        this.mergeSlashes = config.getProxy().isMergeSlashes();
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = {MediaType.APPLICATION_JSON,
        Representations.APPLICATION_YAML})
    @Operation(summary = "Trace a request through the current proxy config",
            description = "Body: {gateway: \"ns/name\" (or address), port, scheme, host, method, path (with query), "
                    + "headers: {name: value | [values]}}. Answers the config version, the listener, the matched "
                    + "route rule and match (or why none), the closest non-matching rules and why not, filters in "
                    + "order with their effect, backends with weights, effective timeouts with provenance, backend "
                    + "TLS, and the steps in words.")
    @ApiResponse(responseCode = "200", description = "The trace",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/Trace")))
    @ApiResponse(responseCode = "400", description = "Bad input: unknown gateway, a port the Gateway lacks, no path",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "503", description = "No proxy config has been published yet",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> tracePost(
            HttpRequest<?> request,
            // read as text to report JSON syntax errors as problems; documented as the JSON object it is
            @Body @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/TraceRequest"))) String body) {
        JsonNode json;
        try {
            json = Manifests.JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, null, "the body is not JSON: " + e.getOriginalMessage());
        }
        return answer(request, TraceRequests.fromJson(json));
    }

    @Get(produces = {MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML})
    @Operation(summary = "Trace a request given as query parameters (same answer as POST)")
    @ApiResponse(responseCode = "200", description = "The trace",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/Trace")))
    @ApiResponse(responseCode = "400", description = "Bad input: unknown gateway, a port the Gateway lacks, no path",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "503", description = "No proxy config has been published yet",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> traceGet(
            HttpRequest<?> request,
            @Parameter(description = "The Gateway, namespace/name") @QueryValue @Nullable String gateway,
            @Parameter(description = "A Gateway address, instead of gateway") @QueryValue @Nullable String address,
            @Parameter(description = "Listener port as in the Gateway spec; optional when the Gateway has one port")
            @QueryValue @Nullable String port,
            @Parameter(description = "http or https (default: the listener's protocol)")
            @QueryValue @Nullable String scheme,
            @Parameter(description = "Host header") @QueryValue @Nullable String host,
            @Parameter(description = "HTTP method, default GET") @QueryValue @Nullable String method,
            @Parameter(description = "Path with optional query, URL-encoded") @QueryValue @Nullable String path,
            @Parameter(description = "Request header Name:Value; repeat for more")
            @QueryValue("header") @Nullable List<String> header) {
        return answer(request, TraceRequests.fromQuery(gateway, address, port, scheme, host, method, path, header));
    }

    private HttpResponse<String> answer(HttpRequest<?> request, TraceRequest trace) {
        return Representations.ok(request, explain(trace));
    }

    /** The trace the endpoints answer, for the dashboard's server-rendered tracer. */
    public ObjectNode explain(TraceRequest trace) {
        return TraceBuilder.trace(trace, current(), snapshots.current().computed(), TraceBuilder.DEFAULT_MISSES,
                mergeSlashes);
    }

    private CompiledConfig current() {
        PublishedConfig published = publisher.current();
        if (published == null) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, (String) null, null,
                    "no proxy config has been published yet");
        }
        CompiledConfig cached = compiled.get();
        if (cached != null && cached.version().equals(published.version())) {
            return cached;
        }
        CompiledConfig fresh = CompiledConfig.of(published.config());
        compiled.set(fresh);
        return fresh;
    }
}
