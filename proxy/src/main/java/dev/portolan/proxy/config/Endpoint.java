package dev.portolan.proxy.config;

/** One ready backend address. */
public record Endpoint(String host, int port) {
    public Endpoint {
        Checks.requiredText(host, "Endpoint", "host");
        Checks.port(port, "Endpoint " + host, "port");
    }
}
