package dev.portolan.proxy.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portolan.proxy.config.GatewayConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    private static GatewayConfig gateway(Map<String, String> labels) {
        return new GatewayConfig("ns", "gw", "127.0.0.10", labels, Map.of(), List.of());
    }

    @Test
    void countersSurviveRelabellingAndRenderTheCurrentLabels() {
        GatewayMetrics metrics = new GatewayMetrics();
        ListenerCounters first = metrics.counters(gateway(Map.of("tier", "a")), "web");
        first.record(204);
        first.record(302);
        first.record(503);
        first.record(999);
        GatewayConfig relabelled = gateway(Map.of("tier", "b\"q"));
        assertSame(first, metrics.counters(relabelled, "web"));

        String text = metrics.prometheusText(Map.of("ns/gw", relabelled), "3");

        assertEquals("""
                # HELP portolan_config_info The proxy config being served (no series before the first).
                # TYPE portolan_config_info gauge
                portolan_config_info{version="3"} 1
                # HELP portolan_gateway_requests_total Requests answered per Gateway listener and status class.
                # TYPE portolan_gateway_requests_total counter
                portolan_gateway_requests_total{code_class="1xx",gateway="gw",gateway_namespace="ns",label_tier="b\\"q",listener="web"} 0
                portolan_gateway_requests_total{code_class="2xx",gateway="gw",gateway_namespace="ns",label_tier="b\\"q",listener="web"} 1
                portolan_gateway_requests_total{code_class="3xx",gateway="gw",gateway_namespace="ns",label_tier="b\\"q",listener="web"} 1
                portolan_gateway_requests_total{code_class="4xx",gateway="gw",gateway_namespace="ns",label_tier="b\\"q",listener="web"} 0
                portolan_gateway_requests_total{code_class="5xx",gateway="gw",gateway_namespace="ns",label_tier="b\\"q",listener="web"} 2
                """, text);
    }

    @Test
    void labelKeysBecomePrometheusNames() {
        assertEquals("app_kubernetes_io_name", GatewayMetrics.sanitise("app.kubernetes.io/name"));
        assertEquals("a_b", GatewayMetrics.sanitise("a-b"));
    }
}
