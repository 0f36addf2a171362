package dev.portolan.proxy.listen;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the proxy refused of the configs it was given: per Gateway (it keeps serving its previous version) or the
 * whole config (the previous config keeps serving). The control plane validates first, so any refusal is a
 * disagreement between the two; it is shown on {@code /ready}, {@code /metrics} and the control plane's overview.
 */
public final class ConfigRefusals {
    /**
     * The outcome of the latest config offered.
     *
     * @param version  that config's version
     * @param gateways Gateway "namespace/name" to the reason it was refused
     * @param whole    why the whole config was refused, or null
     */
    public record Latest(String version, SortedMap<String, String> gateways, String whole) {
        public Latest {
            gateways = Collections.unmodifiableSortedMap(new TreeMap<>(gateways));
        }

        public boolean degraded() {
            return whole != null || !gateways.isEmpty();
        }

        /** One line for logs and {@code /ready}, e.g. "config version 7: Gateway ns/gw refused (…)". */
        public String describe() {
            StringBuilder out = new StringBuilder("config version " + version);
            if (whole != null) {
                out.append(" refused whole (").append(whole).append("); the previous config keeps serving");
            }
            gateways.forEach((gateway, reason) -> out.append("; Gateway ").append(gateway).append(" refused (")
                    .append(reason).append("), it keeps its previous config"));
            return out.toString();
        }
    }

    private volatile Latest latest;
    private final AtomicLong gatewayRefusals = new AtomicLong();
    private final AtomicLong wholeRefusals = new AtomicLong();

    void applied(String version, SortedMap<String, String> refusedGateways) {
        latest = new Latest(version, refusedGateways, null);
        gatewayRefusals.addAndGet(refusedGateways.size());
    }

    void refusedWhole(String version, String reason) {
        latest = new Latest(version, new TreeMap<>(), reason == null ? "unknown error" : reason);
        wholeRefusals.incrementAndGet();
    }

    /** The latest outcome, or null before the first config. */
    public Latest latest() {
        return latest;
    }

    /** Gateways refused, summed over every config offered since start. */
    public long gatewayRefusalsTotal() {
        return gatewayRefusals.get();
    }

    /** Whole configs refused since start. */
    public long wholeRefusalsTotal() {
        return wholeRefusals.get();
    }

    /** Prometheus text (format 0.0.4) for {@code /metrics}. */
    public String prometheusText() {
        Latest now = latest;
        return "# HELP portolan_config_refused_gateways Gateways of the latest config the proxy refused (each keeps "
                + "its previous config); anything above 0 is a control-plane/proxy disagreement.\n"
                + "# TYPE portolan_config_refused_gateways gauge\n"
                + "portolan_config_refused_gateways " + (now == null ? 0 : now.gateways().size()) + "\n"
                + "# HELP portolan_config_refused Whether the latest config was refused whole (1) or not (0).\n"
                + "# TYPE portolan_config_refused gauge\n"
                + "portolan_config_refused " + (now != null && now.whole() != null ? 1 : 0) + "\n"
                + "# HELP portolan_config_refusals_total Refusals since start, per Gateway or of a whole config.\n"
                + "# TYPE portolan_config_refusals_total counter\n"
                + "portolan_config_refusals_total{scope=\"gateway\"} " + gatewayRefusals.get() + "\n"
                + "portolan_config_refusals_total{scope=\"config\"} " + wholeRefusals.get() + "\n";
    }
}
