package dev.portolan.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.problem.ProblemSchema;
import dev.portolan.controlplane.ControlPlane;
import dev.portolan.snapshot.SnapshotService;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** {@code GET /api/v1/summary}: what Portolan loaded and what is wrong with it (the overview page's data). */
@Controller("/api/v1/summary")
public class SummaryController {
    private final SnapshotService snapshots;

    private final ControlPlane controlPlane;

    public SummaryController(SnapshotService snapshots, ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.snapshots = snapshots;
    }

    @Get
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What was loaded: counts, load and status problems, Gateways, routes, effective timeouts")
    @ApiResponse(responseCode = "200", description = "The summary of the current snapshot",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "#/components/schemas/Summary")))
    @ApiResponse(responseCode = "401", description = ProblemSchema.READ_UNAUTHORIZED,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public ObjectNode summary() {
        return ProxyRefusals.addTo(Summary.withConfigVersion(Summary.of(snapshots.current(), controlPlane.origin(),
                controlPlane.translationProblems()), controlPlane.publisher().current()), controlPlane.dataPlane());
    }
}
