package dev.portolan.proxy.observe;

import dev.portolan.proxy.config.GatewayConfig;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Request counters and latency histograms per Gateway listener, route and backend. Series live across config
 * versions (keyed by names); they are created when a config is compiled, never per request. The Gateway's
 * infrastructure labels are taken from the current config when rendering, so relabelling a Gateway does not reset
 * its counts.
 */
public final class GatewayMetrics {

    /** One series' identity; {@code scope} is a listener or port, {@code target} a route or backend name. */
    private record Key(String namespace, String gateway, String scope, String target) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::namespace).thenComparing(Key::gateway)
                .thenComparing(Key::scope).thenComparing(Key::target);
    }

    private final ConcurrentMap<Key, ListenerCounters> listeners = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, ListenerCounters> unmatched = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, RequestStats> routes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, RequestStats> backends = new ConcurrentHashMap<>();

    /** The counters of a listener, created on first use; called when a config is compiled, not per request. */
    public ListenerCounters counters(GatewayConfig gateway, String listener) {
        Objects.requireNonNull(listener, "listener");
        return listeners.computeIfAbsent(key(gateway, listener, ""), k -> new ListenerCounters());
    }

    /**
     * Counters for requests on a Gateway port whose host no listener of the port accepts. They have their own
     * metric (labelled by port), so every {@code portolan_gateway_requests_total} series names a real listener.
     */
    public ListenerCounters unmatched(GatewayConfig gateway, int specPort) {
        return unmatched.computeIfAbsent(key(gateway, String.valueOf(specPort), ""), k -> new ListenerCounters());
    }

    /** A route's stats as attached to one listener ({@code route} is "namespace/name"). */
    public RequestStats route(GatewayConfig gateway, String listener, String route) {
        return routes.computeIfAbsent(key(gateway, listener, route), k -> new RequestStats());
    }

    /** A backend's stats within a Gateway ({@code backend} as the config names it). */
    public RequestStats backend(GatewayConfig gateway, String backend) {
        return backends.computeIfAbsent(key(gateway, "", backend), k -> new RequestStats());
    }

    private static Key key(GatewayConfig gateway, String scope, String target) {
        return new Key(gateway.namespace(), gateway.name(), scope, target);
    }

    /**
     * Prometheus text exposition (format 0.0.4), series sorted. Infrastructure labels appear as
     * {@code label_<sanitised key>} (as kube-state-metrics does), so they cannot clash with the fixed labels.
     *
     * @param gateways current Gateways by "namespace/name" (for their infrastructure labels)
     * @param configVersion the version being served, null before the first config
     */
    public String prometheusText(Map<String, GatewayConfig> gateways, String configVersion) {
        StringBuilder out = new StringBuilder();
        // versions are digests, not numbers: an info metric carries the one being served as a label
        out.append("# HELP portolan_config_info The proxy config being served (no series before the first).\n");
        out.append("# TYPE portolan_config_info gauge\n");
        if (configVersion != null) {
            out.append("portolan_config_info{version=\"").append(configVersion).append("\"} 1\n");
        }
        out.append("# HELP portolan_gateway_requests_total Requests answered per Gateway listener and status class.\n");
        out.append("# TYPE portolan_gateway_requests_total counter\n");
        for (Map.Entry<Key, ListenerCounters> entry : sorted(listeners).entrySet()) {
            SortedMap<String, String> labels = labels(entry.getKey(), gateways);
            labels.put("listener", entry.getKey().scope());
            classCounts(out, "portolan_gateway_requests_total", labels, entry.getValue());
        }
        out.append("# HELP portolan_gateway_unmatched_requests_total Requests on a Gateway port whose host no"
                + " listener accepts, per status class.\n");
        out.append("# TYPE portolan_gateway_unmatched_requests_total counter\n");
        for (Map.Entry<Key, ListenerCounters> entry : sorted(unmatched).entrySet()) {
            SortedMap<String, String> labels = labels(entry.getKey(), gateways);
            labels.put("port", entry.getKey().scope());
            classCounts(out, "portolan_gateway_unmatched_requests_total", labels, entry.getValue());
        }
        family(out, "portolan_route", "HTTPRoute (per listener)", routes, gateways, "route");
        family(out, "portolan_backend", "backend", backends, gateways, "backend");
        return out.toString();
    }

    private static void family(StringBuilder out, String prefix, String what, Map<Key, RequestStats> series,
                               Map<String, GatewayConfig> gateways, String targetLabel) {
        SortedMap<Key, RequestStats> ordered = sorted(series);
        out.append("# HELP ").append(prefix).append("_requests_total Requests answered per ").append(what)
                .append(" and status class.\n");
        out.append("# TYPE ").append(prefix).append("_requests_total counter\n");
        for (Map.Entry<Key, RequestStats> entry : ordered.entrySet()) {
            classCounts(out, prefix + "_requests_total", targetLabels(entry.getKey(), gateways, targetLabel),
                    entry.getValue()::count);
        }
        String histogram = prefix + "_request_duration_seconds";
        out.append("# HELP ").append(histogram).append(" Time from request received to answer completed, per ")
                .append(what).append(".\n");
        out.append("# TYPE ").append(histogram).append(" histogram\n");
        for (Map.Entry<Key, RequestStats> entry : ordered.entrySet()) {
            SortedMap<String, String> labels = targetLabels(entry.getKey(), gateways, targetLabel);
            long[] cumulative = entry.getValue().cumulativeBuckets();
            for (int i = 0; i < cumulative.length; i++) {
                labels.put("le", i < RequestStats.BUCKET_SECONDS.length
                        ? BigDecimal.valueOf(RequestStats.BUCKET_SECONDS[i]).stripTrailingZeros().toPlainString()
                        : "+Inf");
                out.append(histogram).append("_bucket");
                appendLabels(out, labels);
                out.append(' ').append(cumulative[i]).append('\n');
            }
            labels.remove("le");
            out.append(histogram).append("_sum");
            appendLabels(out, labels);
            out.append(' ').append(entry.getValue().sumSeconds()).append('\n');
            out.append(histogram).append("_count");
            appendLabels(out, labels);
            out.append(' ').append(cumulative[cumulative.length - 1]).append('\n');
        }
    }

    private static SortedMap<String, String> targetLabels(Key key, Map<String, GatewayConfig> gateways,
                                                          String targetLabel) {
        SortedMap<String, String> labels = labels(key, gateways);
        if (!key.scope().isEmpty()) {
            labels.put("listener", key.scope());
        }
        labels.put(targetLabel, key.target());
        return labels;
    }

    private interface ClassCount {
        long count(String statusClass);
    }

    private static void classCounts(StringBuilder out, String name, SortedMap<String, String> labels,
                                    ListenerCounters counters) {
        classCounts(out, name, labels, counters::count);
    }

    private static void classCounts(StringBuilder out, String name, SortedMap<String, String> labels,
                                    ClassCount counts) {
        for (String statusClass : ListenerCounters.CLASSES) {
            labels.put("code_class", statusClass);
            out.append(name);
            appendLabels(out, labels);
            out.append(' ').append(counts.count(statusClass)).append('\n');
        }
        labels.remove("code_class");
    }

    private static <V> SortedMap<Key, V> sorted(Map<Key, V> series) {
        SortedMap<Key, V> ordered = new TreeMap<>(Key.ORDER);
        ordered.putAll(series);
        return ordered;
    }

    private static SortedMap<String, String> labels(Key key, Map<String, GatewayConfig> gateways) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put("gateway_namespace", key.namespace());
        labels.put("gateway", key.gateway());
        GatewayConfig gateway = gateways.get(key.namespace() + "/" + key.gateway());
        if (gateway != null) {
            gateway.infrastructureLabels().forEach((k, v) -> labels.put("label_" + sanitise(k), v));
        }
        return labels;
    }

    /** Prometheus label names allow [a-zA-Z0-9_]; Kubernetes label keys also have '.', '/', '-'. */
    static String sanitise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return out.toString();
    }

    private static void appendLabels(StringBuilder out, SortedMap<String, String> labels) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
        }
        out.append('}');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
