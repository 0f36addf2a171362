package dev.portolan.proxy.routing;

import dev.portolan.proxy.config.ListenerConfig;
import dev.portolan.proxy.config.RouteConfig;
import dev.portolan.proxy.config.RuleConfig;

/**
 * The winner for a request.
 *
 * @param matchIndex index into {@code rule.matches()}; 0 for a rule without matches (implicit PathPrefix /)
 */
public record RouteMatch(ListenerConfig listener, RouteConfig route, RuleConfig rule, int matchIndex) {
    @Override
    public String toString() {
        return listener.name() + " " + route.key() + " rule " + rule.index() + " match " + matchIndex;
    }
}
