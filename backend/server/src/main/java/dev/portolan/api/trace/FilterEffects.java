package dev.portolan.api.trace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.proxy.config.FilterConfig;
import dev.portolan.proxy.config.HeaderValue;
import dev.portolan.proxy.config.MatchConfig;
import dev.portolan.proxy.forward.PathRewrite;
import dev.portolan.proxy.forward.RedirectLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a rule's filters to a traced request the way the proxy does (redirect Location and rewritten path from the
 * proxy's own {@link RedirectLocation} and {@link PathRewrite}) and records what each one did.
 */
final class FilterEffects {
    private final String scheme;
    private final int specPort;
    private final MatchConfig match;
    private final String rawQuery;
    private final TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private String host;
    private String path;
    private String redirectLocation;
    private int redirectStatus;

    FilterEffects(TraceRequest request, String host, int specPort, MatchConfig match) {
        this.scheme = request.scheme();
        this.specPort = specPort;
        this.match = match;
        this.rawQuery = request.rawQuery();
        this.host = host;
        this.path = request.pathOnly();
        request.headers().forEach((name, values) -> headers.merge(name, new ArrayList<>(values), (a, b) -> {
            a.addAll(b);
            return a;
        }));
    }

    /** Applies one filter and returns its description, with {@code scope} (rule, or the backend it belongs to). */
    ObjectNode apply(FilterConfig filter, String scope, List<String> steps) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("scope", scope);
        if (filter instanceof FilterConfig.RequestHeaderModifier m) {
            out.put("type", "RequestHeaderModifier");
            headerEdits(out, m.set(), m.add(), m.remove());
            m.set().forEach(h -> headers.put(h.name(), new ArrayList<>(List.of(h.value()))));
            for (HeaderValue h : m.add()) {
                List<String> existing = headers.get(h.name());
                headers.put(h.name(), new ArrayList<>(List.of(existing == null || existing.isEmpty()
                        ? h.value() : String.join(",", existing) + "," + h.value())));
            }
            m.remove().forEach(headers::remove);
            steps.add("RequestHeaderModifier (" + scope + ") " + summary(m.set(), m.add(), m.remove()));
        } else if (filter instanceof FilterConfig.ResponseHeaderModifier m) {
            out.put("type", "ResponseHeaderModifier");
            headerEdits(out, m.set(), m.add(), m.remove());
            steps.add("ResponseHeaderModifier (" + scope + ") on the answer: " + summary(m.set(), m.add(),
                    m.remove()));
        } else if (filter instanceof FilterConfig.RequestRedirect r) {
            out.put("type", "RequestRedirect");
            redirectLocation = RedirectLocation.of(r, scheme, host, path, rawQuery, specPort, match);
            redirectStatus = r.statusCode();
            out.put("statusCode", r.statusCode());
            out.put("location", redirectLocation);
            steps.add("RequestRedirect: the proxy answers " + r.statusCode() + " with Location "
                    + redirectLocation + " and contacts no backend");
        } else if (filter instanceof FilterConfig.UrlRewrite w) {
            out.put("type", "URLRewrite");
            String before = path;
            path = PathRewrite.apply(path, w.path(), match);
            if (w.hostname() != null) {
                host = w.hostname();
            }
            out.put("path", path);
            out.put("host", host);
            steps.add("URLRewrite (" + scope + "): path " + before + " -> " + path
                    + (w.hostname() == null ? "" : ", Host -> " + w.hostname()));
        } else if (filter instanceof FilterConfig.RequestMirror m) {
            out.put("type", "RequestMirror");
            out.put("backend", m.backend().name());
            out.put("percent", 100.0 * m.numerator() / m.denominator());
            steps.add("RequestMirror (" + scope + "): a copy of " + m.numerator() + "/" + m.denominator()
                    + " of the requests goes to " + m.backend().name() + " (its answers are ignored)");
        } else if (filter instanceof FilterConfig.Cors c) {
            out.put("type", "CORS");
            strings(out.putArray("allowOrigins"), c.allowOrigins());
            strings(out.putArray("allowMethods"), c.allowMethods());
            strings(out.putArray("allowHeaders"), c.allowHeaders());
            strings(out.putArray("exposeHeaders"), c.exposeHeaders());
            out.put("allowCredentials", c.allowCredentials());
            if (c.maxAgeSeconds() != null) {
                out.put("maxAgeSeconds", c.maxAgeSeconds());
            }
            steps.add("CORS (" + scope + "): origins " + c.allowOrigins() + " are allowed");
        }
        return out;
    }

    boolean redirects() {
        return redirectLocation != null;
    }

    String redirectLocation() {
        return redirectLocation;
    }

    int redirectStatus() {
        return redirectStatus;
    }

    /** The request as the backend would receive it (hop-by-hop handling aside). */
    ObjectNode upstreamRequest(String method) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("method", method);
        out.put("host", host);
        out.put("path", path + (rawQuery == null ? "" : "?" + rawQuery));
        ObjectNode h = out.putObject("headers");
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            strings(h.putArray(header.getKey()), header.getValue());
        }
        return out;
    }

    private static void headerEdits(ObjectNode out, List<HeaderValue> set, List<HeaderValue> add,
                                    List<String> remove) {
        ObjectNode s = out.putObject("set");
        set.forEach(h -> s.put(h.name(), h.value()));
        ObjectNode a = out.putObject("add");
        add.forEach(h -> a.put(h.name(), h.value()));
        strings(out.putArray("remove"), remove);
    }

    private static String summary(List<HeaderValue> set, List<HeaderValue> add, List<String> remove) {
        List<String> parts = new ArrayList<>();
        set.forEach(h -> parts.add("set " + h.name() + ": " + h.value()));
        add.forEach(h -> parts.add("add " + h.name() + ": " + h.value()));
        remove.forEach(name -> parts.add("remove " + name));
        return String.join(", ", parts);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
