package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.observe.Exchange;
import dev.portolan.proxy.routing.RouteMatch;

/**
 * A request's place in the config: which Gateway, listener, route and rule it matched, under which config version.
 *
 * @param specPort the listener's port as the Gateway spec says (redirects without a port use it), which can differ
 *                 from the socket's port when a port offset is configured
 * @param secure   whether the client connection is TLS (the listener is HTTPS)
 * @param exchange the listener's record of the request (its X-Request-Id, the backend chosen), null when the
 *                 request did not come through the proxy's listener (some tests)
 */
public record MatchedRule(String configVersion, GatewayConfig gateway, RouteMatch match, int specPort, boolean secure,
                          Exchange exchange) {

    /** Without a listener's record. */
    public MatchedRule(String configVersion, GatewayConfig gateway, RouteMatch match, int specPort, boolean secure) {
        this(configVersion, gateway, match, specPort, secure, null);
    }
}
