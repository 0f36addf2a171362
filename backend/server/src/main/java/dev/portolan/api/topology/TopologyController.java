package dev.portolan.api.topology;

import dev.portolan.api.ApiKinds;
import dev.portolan.api.format.Representations;
import dev.portolan.api.problem.ApiException;
import dev.portolan.api.problem.ProblemSchema;
import dev.portolan.model.ResourceKey;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.snapshot.SnapshotService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** {@code GET /api/v1/topology}: GatewayClass → Gateway → HTTPRoute → backend with policies, as JSON, YAML or DOT. */
@Controller("/api/v1/topology")
public class TopologyController {
    private static final List<String> OFFERED = List.of(MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML,
            "text/yaml", "application/x-yaml", TopologyDot.MEDIA_TYPE);
    private final SnapshotService snapshots;
    /** Built once per snapshot version; requests only filter it. */
    private final AtomicReference<TopologyGraph> cache = new AtomicReference<>();

    public TopologyController(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @Get(produces = {MediaType.APPLICATION_JSON, Representations.APPLICATION_YAML, TopologyDot.MEDIA_TYPE})
    @Operation(summary = "Topology of the current snapshot: nodes and edges GatewayClass → Gateway → HTTPRoute → "
            + "backend, policies attached to their targets; JSON, YAML (Accept: application/yaml) or Graphviz DOT "
            + "(Accept: text/vnd.graphviz or format=dot)")
    @ApiResponse(responseCode = "200", description = "Nodes (id, kind, namespace, name, status, links.self) and "
            + "edges (from, to, type: class, parent, backend, mirror, policy)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/Topology")),
                @Content(mediaType = TopologyDot.MEDIA_TYPE, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "A parameter does not parse",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "404", description = "The object named by for is not in the topology",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public HttpResponse<String> topology(
            HttpRequest<?> request,
            @Parameter(description = "Only objects of this namespace (and the cluster-scoped objects linked to them)")
            @QueryValue @Nullable String namespace,
            @Parameter(description = "Only the neighbourhood of one object, KIND/NAMESPACE/NAME (e.g. "
                    + "httproute/default/echo): its ancestors, descendants and their policies")
            @QueryValue("for") @Nullable String forObject,
            @Parameter(description = "json (default), yaml or dot")
            @QueryValue @Nullable String format) {
        TopologyGraph graph = filtered(namespace, forObject);
        if (wantsDot(request, format)) {
            return HttpResponse.ok(TopologyDot.render(graph)).contentType(TopologyDot.MEDIA_TYPE);
        }
        if (format != null && !format.isEmpty() && !format.equals("json") && !format.equals("yaml")) {
            throw ApiException.badRequest(null, "format", "\"" + format + "\" is not one of json, yaml, dot");
        }
        if ("yaml".equals(format)) {
            return Representations.ok(HttpRequest.GET("/").accept(Representations.APPLICATION_YAML),
                    TopologyJson.of(graph));
        }
        return Representations.ok(request, TopologyJson.of(graph));
    }

    /**
     * The current topology filtered as {@code GET /api/v1/topology} filters it (the dashboard renders the same graph).
     *
     * @throws ApiException 404 when {@code forObject} is not in the (namespace's) topology, 400 when it does not parse
     */
    public TopologyGraph filtered(@Nullable String namespace, @Nullable String forObject) {
        TopologyGraph graph = current();
        if (namespace != null && !namespace.isEmpty()) {
            graph = graph.inNamespace(namespace);
        }
        if (forObject != null && !forObject.isEmpty()) {
            ResourceKey key = ApiKinds.parseReference("for", forObject);
            String id = TopologyNode.idOf(key);
            if (graph.node(id).isEmpty()) {
                throw new ApiException(HttpStatus.NOT_FOUND, key, "for", key + " is not in the topology"
                        + (namespace == null ? "" : " of namespace " + namespace));
            }
            graph = graph.neighbourhood(id);
        }
        return graph;
    }

    private static boolean wantsDot(HttpRequest<?> request, String format) {
        if (format != null && !format.isEmpty()) {
            return format.equals("dot");
        }
        return Representations.preferred(request, OFFERED).equals(TopologyDot.MEDIA_TYPE);
    }

    private TopologyGraph current() {
        ControlPlaneSnapshot snapshot = snapshots.current();
        TopologyGraph cached = cache.get();
        if (cached != null && cached.snapshotVersion() == snapshot.version()) {
            return cached;
        }
        TopologyGraph built = TopologyBuilder.build(snapshot.version(), snapshot.resources(), snapshot.computed());
        cache.set(built);
        return built;
    }
}
