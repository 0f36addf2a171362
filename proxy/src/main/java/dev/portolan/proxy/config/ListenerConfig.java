package dev.portolan.proxy.config;

import java.util.List;

/**
 * One Gateway listener. Several listeners may share a port when their hostnames differ.
 *
 * @param hostname null means the listener accepts any host
 * @param routes the routes attached to this listener, with hostnames already intersected with it
 */
public record ListenerConfig(
        String name,
        int port,
        Protocol protocol,
        String hostname,
        List<CertificateConfig> certificates,
        List<RouteConfig> routes) {
    public ListenerConfig {
        Checks.requiredText(name, "ListenerConfig", "name");
        Checks.port(port, "ListenerConfig " + name, "port");
        Checks.required(protocol, "ListenerConfig " + name, "protocol");
        certificates = Checks.list(certificates, "ListenerConfig " + name, "certificates");
        routes = Checks.list(routes, "ListenerConfig " + name, "routes");
        if (protocol == Protocol.HTTPS && certificates.isEmpty()) {
            throw new IllegalArgumentException("ListenerConfig " + name + ".certificates: HTTPS needs at least one");
        }
    }
}
