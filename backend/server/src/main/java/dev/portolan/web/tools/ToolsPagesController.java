package dev.portolan.web.tools;

import dev.portolan.api.problem.ApiException;
import dev.portolan.api.topology.TopologyController;
import dev.portolan.api.topology.TopologyGraph;
import dev.portolan.api.topology.TopologyJson;
import dev.portolan.api.trace.TraceController;
import dev.portolan.api.trace.TraceRequests;
import dev.portolan.controlplane.ControlPlane;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.web.PageModel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The dashboard's tools: topology map, request tracer and apply page. They render what the topology and trace
 * endpoints answer (the same builders and caches), so the pages work without JavaScript; the scripts enhance them.
 */
@Hidden
@Controller("/ui")
public class ToolsPagesController {
    private final PageModel pages;
    private final SnapshotService snapshots;
    private final TopologyController topology;
    private final TraceController tracer;
    private final ControlPlane controlPlane;

    public ToolsPagesController(PageModel pages, SnapshotService snapshots, TopologyController topology,
                                TraceController tracer, ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.pages = pages;
        this.snapshots = snapshots;
        this.topology = topology;
        this.tracer = tracer;
    }

    @Get(value = "/topology", produces = MediaType.TEXT_HTML)
    @View("tools/topology")
    public Map<String, Object> topology(@QueryValue @Nullable String namespace,
                                        @QueryValue("for") @Nullable String forObject) {
        Map<String, Object> model = pages.page("topology");
        model.put("namespace", namespace == null ? "" : namespace);
        model.put("forObject", forObject == null ? "" : forObject);
        model.put("namespaces", namespaces());
        try {
            TopologyGraph graph = topology.filtered(namespace, forObject);
            model.put("tree", TopologyTree.of(graph));
            model.put("nodeCount", graph.nodes().size());
            model.put("edgeCount", graph.edges().size());
            model.put("graph", PageModel.plain(TopologyJson.of(graph)));
        } catch (ApiException e) {
            model.put("problem", describe(e));
        }
        return model;
    }

    @Get(value = "/trace", produces = MediaType.TEXT_HTML)
    @View("tools/trace")
    public Map<String, Object> trace(@QueryValue @Nullable String gateway, @QueryValue @Nullable String port,
                                     @QueryValue @Nullable String scheme, @QueryValue @Nullable String host,
                                     @QueryValue @Nullable String method, @QueryValue @Nullable String path,
                                     @QueryValue @Nullable String headers) {
        Map<String, Object> model = pages.page("trace");
        List<String> gateways = snapshots.current().resources().gateways().stream()
                .map(g -> g.getMetadata().getNamespace() + "/" + g.getMetadata().getName()).sorted().toList();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("gateway", gateway == null ? (gateways.isEmpty() ? "" : gateways.get(0)) : gateway);
        form.put("port", port == null ? "" : port);
        form.put("scheme", scheme == null ? "" : scheme);
        form.put("host", host == null ? "" : host);
        form.put("method", method == null || method.isBlank() ? "GET" : method);
        form.put("path", path == null ? "/" : path);
        form.put("headers", headers == null ? "" : headers);
        model.put("gateways", gateways);
        model.put("form", form);
        if (path != null && gateway != null) {
            try {
                model.put("trace", PageModel.plain(tracer.explain(TraceRequests.fromQuery(gateway, null, port, scheme,
                        host, method, path, headerLines(headers)))));
            } catch (ApiException e) {
                model.put("problem", describe(e));
            }
        }
        return model;
    }

    @Get(value = "/apply", produces = MediaType.TEXT_HTML)
    @View("tools/apply")
    public Map<String, Object> apply() {
        Map<String, Object> model = pages.page("apply");
        // in Kubernetes mode writes go to the cluster, where the shipped RBAC refuses them: say so before the paste
        model.put("mode", controlPlane.mode());
        return model;
    }

    /** The textarea's lines {@code Name: value}; blank lines are skipped, the rest is checked by TraceRequests. */
    static List<String> headerLines(String text) {
        List<String> lines = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }

    private static String describe(ApiException e) {
        return (e.field() == null ? "" : e.field() + ": ") + e.reason();
    }

    private List<String> namespaces() {
        TreeSet<String> names = new TreeSet<>();
        snapshots.current().resources().gateways().forEach(g -> names.add(g.getMetadata().getNamespace()));
        snapshots.current().resources().httpRoutes().forEach(r -> names.add(r.getMetadata().getNamespace()));
        snapshots.current().resources().services().forEach(s -> names.add(s.getMetadata().getNamespace()));
        return List.copyOf(names);
    }
}
