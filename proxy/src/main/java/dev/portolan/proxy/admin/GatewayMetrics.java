package dev.portolan.proxy.admin;

import dev.portolan.proxy.config.GatewayConfig;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Request counters per Gateway listener. Counters live across config versions (keyed by Gateway and listener
 * name); the Gateway's infrastructure labels are taken from the current config when rendering, so relabelling a
 * Gateway does not reset its counts.
 */
public final class GatewayMetrics {
    /** Listener label for requests whose host no listener of the port accepts. */
    public static final String UNMATCHED_LISTENER = "";

    private record Key(String namespace, String gateway, String listener) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = namespace.compareTo(o.namespace);
            c = c != 0 ? c : gateway.compareTo(o.gateway);
            return c != 0 ? c : listener.compareTo(o.listener);
        }
    }

    private final ConcurrentMap<Key, ListenerCounters> counters = new ConcurrentHashMap<>();

    /** The counters of a listener, created on first use; called when a config is compiled, not per request. */
    public ListenerCounters counters(GatewayConfig gateway, String listener) {
        Key key = new Key(gateway.namespace(), gateway.name(), Objects.requireNonNull(listener, "listener"));
        return counters.computeIfAbsent(key, k -> new ListenerCounters());
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
        for (Map.Entry<Key, ListenerCounters> entry : new TreeMap<>(counters).entrySet()) {
            Key key = entry.getKey();
            GatewayConfig gateway = gateways.get(key.namespace() + "/" + key.gateway());
            SortedMap<String, String> labels = new TreeMap<>();
            labels.put("gateway_namespace", key.namespace());
            labels.put("gateway", key.gateway());
            labels.put("listener", key.listener());
            if (gateway != null) {
                gateway.infrastructureLabels().forEach((k, v) -> labels.put("label_" + sanitise(k), v));
            }
            for (String statusClass : ListenerCounters.CLASSES) {
                labels.put("code_class", statusClass);
                out.append("portolan_gateway_requests_total");
                appendLabels(out, labels);
                out.append(' ').append(entry.getValue().count(statusClass)).append('\n');
            }
        }
        return out.toString();
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
