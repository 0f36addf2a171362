package dev.portolan.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                # HELP portolan_gateway_unmatched_requests_total Requests on a Gateway port whose host no listener accepts, per status class.
                # TYPE portolan_gateway_unmatched_requests_total counter
                # HELP portolan_route_requests_total Requests answered per HTTPRoute (per listener) and status class.
                # TYPE portolan_route_requests_total counter
                # HELP portolan_route_request_duration_seconds Time from request received to answer completed, per HTTPRoute (per listener).
                # TYPE portolan_route_request_duration_seconds histogram
                # HELP portolan_backend_requests_total Requests answered per backend and status class.
                # TYPE portolan_backend_requests_total counter
                # HELP portolan_backend_request_duration_seconds Time from request received to answer completed, per backend.
                # TYPE portolan_backend_request_duration_seconds histogram
                """, text);
    }

    @Test
    void routeHistogramHasCumulativeBucketsSumAndCount() {
        GatewayMetrics metrics = new GatewayMetrics();
        GatewayConfig gateway = gateway(Map.of());
        RequestStats stats = metrics.route(gateway, "web", "apps/shop");
        assertSame(stats, metrics.route(gateway, "web", "apps/shop"));
        stats.record(200, 3_000_000);       // 3 ms: le 0.005 and up
        stats.record(503, 2_000_000_000L);  // 2 s: le 2.5 and up
        stats.record(200, 120_000_000_000L); // 2 minutes: only +Inf

        String text = metrics.prometheusText(Map.of("ns/gw", gateway), null);

        String labels = "gateway=\"gw\",gateway_namespace=\"ns\"";
        String series = ",listener=\"web\",route=\"apps/shop\"}";
        assertTrue(text.contains("portolan_route_requests_total{code_class=\"2xx\"," + labels + series + " 2\n"), text);
        assertTrue(text.contains("portolan_route_requests_total{code_class=\"5xx\"," + labels + series + " 1\n"), text);
        String bucket = "portolan_route_request_duration_seconds_bucket{" + labels + ",le=\"";
        assertTrue(text.contains(bucket + "0.001\"" + series + " 0\n"), text);
        assertTrue(text.contains(bucket + "0.005\"" + series + " 1\n"), text);
        assertTrue(text.contains(bucket + "1\"" + series + " 1\n"), text);
        assertTrue(text.contains(bucket + "2.5\"" + series + " 2\n"), text);
        assertTrue(text.contains(bucket + "60\"" + series + " 2\n"), text);
        assertTrue(text.contains(bucket + "+Inf\"" + series + " 3\n"), text);
        assertTrue(text.contains("portolan_route_request_duration_seconds_count{" + labels + series + " 3\n"), text);
        assertTrue(text.contains("portolan_route_request_duration_seconds_sum{" + labels + series + " 122.003\n"),
                text);
    }

    @Test
    void unmatchedHostsAreCountedPerPortWithoutAnEmptyListenerLabel() {
        GatewayMetrics metrics = new GatewayMetrics();
        GatewayConfig gateway = gateway(Map.of());
        metrics.counters(gateway, "web").record(200);
        metrics.unmatched(gateway, 80).record(404);

        String text = metrics.prometheusText(Map.of("ns/gw", gateway), null);

        assertTrue(text.contains("portolan_gateway_unmatched_requests_total{code_class=\"4xx\",gateway=\"gw\","
                + "gateway_namespace=\"ns\",port=\"80\"} 1\n"), text);
        assertFalse(text.contains("listener=\"\""), text);
    }

    @Test
    void labelKeysBecomePrometheusNames() {
        assertEquals("app_kubernetes_io_name", GatewayMetrics.sanitise("app.kubernetes.io/name"));
        assertEquals("a_b", GatewayMetrics.sanitise("a-b"));
    }
}
