package dev.portolan.proxy.config;

/** A ProxyConfig document that cannot be read; the message names the JSON path and what is wrong. */
public class ProxyConfigException extends IllegalArgumentException {
    private final String jsonPath;

    public ProxyConfigException(String jsonPath, String message, Throwable cause) {
        super("ProxyConfig JSON at " + jsonPath + ": " + message, cause);
        this.jsonPath = jsonPath;
    }

    /** Where the problem is, e.g. {@code $.gateways[0].listeners[1].port}. */
    public String jsonPath() {
        return jsonPath;
    }
}
