package dev.portolan.proxy.config;

/**
 * A path rewrite for redirects and URL rewrites: FULL replaces the whole path, PREFIX replaces the part the
 * rule's PathPrefix matched.
 */
public record PathModifier(Type type, String value) {
    public enum Type {
        FULL,
        PREFIX
    }

    public PathModifier {
        Checks.required(type, "PathModifier", "type");
        Checks.required(value, "PathModifier", "value");
    }
}
