package dev.portolan.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.controlplane.EmbeddedDataPlane;
import dev.portolan.proxy.listen.ConfigRefusals;
import java.util.Optional;

/**
 * Adds {@code proxyRefusals} to the summary: what the in-process proxy refused of the latest config. The control
 * plane validates first, so an entry here is a bug (the two disagree) made visible; it must never be silent.
 */
public final class ProxyRefusals {
    private ProxyRefusals() {
    }

    public static ObjectNode addTo(ObjectNode summary, Optional<EmbeddedDataPlane> dataPlane) {
        ArrayNode out = summary.putArray("proxyRefusals");
        ConfigRefusals.Latest latest = dataPlane.flatMap(EmbeddedDataPlane::latestRefusals).orElse(null);
        if (latest == null) {
            return summary;
        }
        if (latest.whole() != null) {
            out.addObject().putNull("object").put("configVersion", latest.version())
                    .put("message", "the proxy refused the whole config and still serves the previous one: "
                            + latest.whole());
        }
        latest.gateways().forEach((gateway, reason) -> out.addObject().put("object", "Gateway/" + gateway)
                .put("configVersion", latest.version())
                .put("message", "the proxy cannot serve this Gateway and keeps its previous config: " + reason));
        return summary;
    }
}
