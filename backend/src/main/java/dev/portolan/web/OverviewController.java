package dev.portolan.web;

import dev.portolan.api.Summary;
import dev.portolan.config.PortolanConfig;
import dev.portolan.snapshot.SnapshotService;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;

/** The dashboard's overview at {@code /}: counts, problems first, config version and the proxy's Gateways. */
@Hidden
@Controller
public class OverviewController {
    private final SnapshotService snapshots;
    private final PortolanConfig config;
    private final PageModel pages;

    public OverviewController(SnapshotService snapshots, PortolanConfig config, PageModel pages) {
        this.snapshots = snapshots;
        this.config = config;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @View("overview")
    public Map<String, Object> overview() {
        Map<String, Object> model = pages.page("overview");
        model.put("summary", PageModel.plain(
                Summary.of(snapshots.current(), config.getManifests().toAbsolutePath().normalize().toString())));
        return model;
    }
}
