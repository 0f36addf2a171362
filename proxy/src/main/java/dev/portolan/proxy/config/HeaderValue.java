package dev.portolan.proxy.config;

/** A header name and value used by header modifier filters. */
public record HeaderValue(String name, String value) {
    public HeaderValue {
        Checks.requiredText(name, "HeaderValue", "name");
        Checks.required(value, "HeaderValue " + name, "value");
    }
}
