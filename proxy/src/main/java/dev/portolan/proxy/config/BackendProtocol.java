package dev.portolan.proxy.config;

/** How to speak to a backend (from the Service port's appProtocol). */
public enum BackendProtocol {
    HTTP1,
    H2C,
    WS
}
