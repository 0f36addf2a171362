package dev.portolan.proxy.config;

/** Listener protocol; TLS passthrough and TCP are not served by this proxy. */
public enum Protocol {
    HTTP,
    HTTPS
}
