package dev.portolan.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.api.problem.ApiException;
import dev.portolan.api.read.LabelSelector;
import dev.portolan.api.read.ListQuery;
import dev.portolan.api.read.ReadApi;
import dev.portolan.api.read.CurrentReadIndex;
import dev.portolan.web.PageModel;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The dashboard's list and detail pages under {@code /ui/}: server-rendered from the read API's own responses
 * (ReadApi.list/describe...), so a page shows exactly what {@code /api/v1} serves. Work without JavaScript.
 */
@Hidden
@Controller("/ui")
@Produces(MediaType.TEXT_HTML)
public class PagesController {
    private final CurrentReadIndex indexes;
    private final PageModel pages;

    public PagesController(CurrentReadIndex indexes, PageModel pages) {
        this.indexes = indexes;
        this.pages = pages;
    }

    private ReadApi api() {
        return new ReadApi(indexes.current(), Instant.now());
    }

    @Get("/gatewayclasses")
    public HttpResponse<ModelAndView<Map<String, Object>>> gatewayClasses(@RequestBean ListForm form) {
        return list(ListKind.GATEWAY_CLASSES, form,
                query -> api().list(ApiKinds.GATEWAY_CLASSES, query));
    }

    @Get("/gateways")
    public HttpResponse<ModelAndView<Map<String, Object>>> gateways(@RequestBean ListForm form) {
        return list(ListKind.GATEWAYS, form,
                query -> api().list(ApiKinds.GATEWAYS, query));
    }

    @Get("/httproutes")
    public HttpResponse<ModelAndView<Map<String, Object>>> httpRoutes(@RequestBean ListForm form) {
        return list(ListKind.HTTP_ROUTES, form,
                query -> api().list(ApiKinds.HTTP_ROUTES, query));
    }

    @Get("/backends")
    public HttpResponse<ModelAndView<Map<String, Object>>> backends(@RequestBean ListForm form) {
        return list(ListKind.BACKENDS, form,
                query -> api().list(ApiKinds.BACKENDS, query));
    }

    @Get("/referencegrants")
    public HttpResponse<ModelAndView<Map<String, Object>>> referenceGrants(@RequestBean ListForm form) {
        return list(ListKind.REFERENCE_GRANTS, form,
                query -> api().list(ApiKinds.REFERENCE_GRANTS, query));
    }

    @Get("/policies")
    public HttpResponse<ModelAndView<Map<String, Object>>> policies(@RequestBean ListForm form) {
        return list(ListKind.POLICIES, form,
                query -> api().listPolicies(query));
    }

    @Get("/policycrds")
    public HttpResponse<ModelAndView<Map<String, Object>>> policyCrds(@RequestBean ListForm form) {
        return list(ListKind.POLICY_CRDS, form,
                query -> api().listPolicyCrds(query));
    }

    @Get("/gatewayclasses/{name}")
    public HttpResponse<ModelAndView<Map<String, Object>>> gatewayClass(@PathVariable String name) {
        return detail(ListKind.GATEWAY_CLASSES, () -> api().describe(ApiKinds.GATEWAY_CLASSES, "", name));
    }

    @Get("/gateways/{namespace}/{name}")
    public HttpResponse<ModelAndView<Map<String, Object>>> gateway(@PathVariable String namespace,
                                                                  @PathVariable String name) {
        return detail(ListKind.GATEWAYS, () -> api().describe(ApiKinds.GATEWAYS, namespace, name));
    }

    @Get("/httproutes/{namespace}/{name}")
    public HttpResponse<ModelAndView<Map<String, Object>>> httpRoute(@PathVariable String namespace,
                                                                    @PathVariable String name) {
        return detail(ListKind.HTTP_ROUTES, () -> api().describe(ApiKinds.HTTP_ROUTES, namespace, name));
    }

    @Get("/backends/{namespace}/{name}")
    public HttpResponse<ModelAndView<Map<String, Object>>> backend(@PathVariable String namespace,
                                                                  @PathVariable String name) {
        return detail(ListKind.BACKENDS, () -> api().describe(ApiKinds.BACKENDS, namespace, name));
    }

    @Get("/referencegrants/{namespace}/{name}")
    public HttpResponse<ModelAndView<Map<String, Object>>> referenceGrant(@PathVariable String namespace,
                                                                         @PathVariable String name) {
        return detail(ListKind.REFERENCE_GRANTS, () -> api().describe(ApiKinds.REFERENCE_GRANTS, namespace, name));
    }

    @Get("/policies/{kind}/{namespace}/{name}")
    public HttpResponse<ModelAndView<Map<String, Object>>> policy(@PathVariable String kind,
            @PathVariable String namespace, @PathVariable String name) {
        return detail(ListKind.POLICIES, () -> api().describePolicy(kind, namespace, name));
    }

    @Get("/policies/{kind}/{name}")
    public HttpResponse<ModelAndView<Map<String, Object>>> clusterPolicy(@PathVariable String kind,
                                                                        @PathVariable String name) {
        return detail(ListKind.POLICIES, () -> api().describePolicy(kind, null, name));
    }

    @Get("/policycrds/{name}")
    public HttpResponse<ModelAndView<Map<String, Object>>> policyCrd(@PathVariable String name) {
        return detail(ListKind.POLICY_CRDS, () -> api().describePolicyCrd(name));
    }

    private HttpResponse<ModelAndView<Map<String, Object>>> list(ListKind kind, ListForm form,
                                                                 Function<ListQuery, JsonNode> lister) {
        Map<String, Object> model = pages.page(kind.plural());
        model.put("title", kind.title());
        model.put("kind", kind.plural());
        model.put("form", form);
        model.put("namespaces", namespaces());
        try {
            ListQuery query = ListQuery.parse(form.namespace(), form.labelSelector(), null, form.limit(),
                    form.continueToken());
            ListTable table = ListTable.of(kind, lister.apply(query), form.q(), form.policy());
            model.put("table", table);
            model.put("next", table.continueToken() == null ? null
                    : "/ui/" + kind.plural() + form.withContinue(table.continueToken()));
            return HttpResponse.ok(new ModelAndView<>("pages/list", model));
        } catch (ApiException e) {
            model.put("table", new ListTable(kind.columns(), List.of(), 0, null));
            model.put("error", (e.field() == null ? "" : e.field() + ": ") + e.reason());
            return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.BAD_REQUEST)
                    .body(new ModelAndView<>("pages/list", model));
        }
    }

    private HttpResponse<ModelAndView<Map<String, Object>>> detail(ListKind kind,
            java.util.function.Supplier<JsonNode> describer) {
        Map<String, Object> model = pages.page(kind.plural());
        model.put("listTitle", kind.title());
        model.put("listHref", "/ui/" + kind.plural());
        try {
            JsonNode description = describer.get();
            model.putAll(DetailView.of(description));
            JsonNode meta = description.path("metadata");
            String namespace = meta.path("namespace").asText("");
            model.put("objectName", (namespace.isEmpty() ? "" : namespace + "/") + meta.path("name").asText());
            model.put("objectKind", description.path("kind").asText());
            model.put("title", description.path("kind").asText() + " " + model.get("objectName"));
            return HttpResponse.ok(new ModelAndView<>("pages/detail", model));
        } catch (ApiException e) {
            model.put("title", e.status() == HttpStatus.NOT_FOUND ? "Not found" : "Bad request");
            model.put("reason", e.reason());
            return HttpResponse.<ModelAndView<Map<String, Object>>>status(e.status())
                    .body(new ModelAndView<>("pages/notfound", model));
        }
    }

    /** Names of all namespaces (declared or holding objects), for the namespace picker. */
    private List<String> namespaces() {
        JsonNode list = api().list(ApiKinds.NAMESPACES,
                new ListQuery(null, LabelSelector.everything(), null, ListQuery.MAX_LIMIT, null));
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }
}
