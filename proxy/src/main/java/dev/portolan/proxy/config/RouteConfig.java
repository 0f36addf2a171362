package dev.portolan.proxy.config;

import java.time.Instant;
import java.util.List;

/**
 * An HTTPRoute as attached to one listener.
 *
 * @param creationTimestamp used for precedence: older routes win ties
 * @param hostnames effective hostnames (already intersected with the listener); empty means any host the
 *     listener accepts. Entries are lower case; a wildcard is written {@code *.example.com}.
 */
public record RouteConfig(
        String namespace, String name, Instant creationTimestamp, List<String> hostnames, List<RuleConfig> rules) {
    public RouteConfig {
        Checks.requiredText(namespace, "RouteConfig", "namespace");
        Checks.requiredText(name, "RouteConfig", "name");
        Checks.required(creationTimestamp, "RouteConfig " + namespace + "/" + name, "creationTimestamp");
        hostnames = Checks.list(hostnames, "RouteConfig " + namespace + "/" + name, "hostnames");
        rules = Checks.list(rules, "RouteConfig " + namespace + "/" + name, "rules");
    }

    /** {@code namespace/name}, the key used for alphabetical tie-breaks and in messages. */
    public String key() {
        return namespace + "/" + name;
    }
}
