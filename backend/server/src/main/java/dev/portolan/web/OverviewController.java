package dev.portolan.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ProxyRefusals;
import dev.portolan.api.Summary;
import dev.portolan.controlplane.ControlPlane;
import dev.portolan.distribute.PublishedConfig;
import dev.portolan.snapshot.SnapshotService;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;

/**
 * The dashboard's overview at {@code /}: which config the proxy serves and whether it is current, problems first,
 * counts, the Gateways, the routes with their effective timeouts and sources, and the proxy's sockets.
 */
@Hidden
@Controller
public class OverviewController {
    private final SnapshotService snapshots;
    private final PageModel pages;
    private final ControlPlane controlPlane;

    public OverviewController(SnapshotService snapshots, PageModel pages,
                              ControlPlane controlPlane) {
        this.snapshots = snapshots;
        this.pages = pages;
        this.controlPlane = controlPlane;
    }

    @Get(produces = MediaType.TEXT_HTML)
    @View("overview")
    public Map<String, Object> overview() {
        Map<String, Object> model = pages.page("overview");
        ObjectNode summary = ProxyRefusals.addTo(Summary.withConfigVersion(Summary.of(snapshots.current(),
                controlPlane.origin(),
                controlPlane.translationProblems()), controlPlane.publisher().current()), controlPlane.dataPlane());
        model.put("problems", OverviewProblems.from(summary));
        model.put("routes", OverviewRoutes.from(summary));
        // only what the page shows: the routes and effective reports are long with many objects
        summary.remove("routes");
        summary.remove("effectiveTimeouts");
        summary.remove("backendTls");
        summary.remove("policies");
        model.put("summary", PageModel.plain(summary));
        Map<String, Object> proxy = ProxyState.of(controlPlane.dataPlane());
        model.put("proxy", proxy);
        PublishedConfig current = controlPlane.publisher().current();
        model.put("version", new VersionStory(current == null ? null : current.version(),
                (String) proxy.get("configVersion"), controlPlane.dataPlane().isPresent()).describe());
        return model;
    }
}
