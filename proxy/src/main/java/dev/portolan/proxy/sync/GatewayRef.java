package dev.portolan.proxy.sync;

import java.util.regex.Pattern;

/**
 * The one Gateway a proxy serves, {@code NAMESPACE/NAME}: the namespace is a DNS-1123 label, the name a DNS-1123
 * subdomain, as Kubernetes requires for those objects. Pure.
 */
public record GatewayRef(String namespace, String name) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile(LABEL.pattern() + "(\\." + LABEL.pattern() + ")*");

    public GatewayRef {
        if (namespace == null || namespace.length() > 63 || !LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("Gateway namespace '" + namespace + "' is not a DNS-1123 label"
                    + " (lowercase letters, digits and '-', at most 63, starting and ending alphanumeric)");
        }
        if (name == null || name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("Gateway name '" + name + "' is not a DNS-1123 subdomain"
                    + " (lowercase letters, digits, '-' and '.', at most 253, starting and ending alphanumeric)");
        }
    }

    /** Parses {@code NAMESPACE/NAME}; throws saying which part is wrong. */
    public static GatewayRef parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is not NAMESPACE/NAME (e.g. apps/my-gateway)");
        }
        return new GatewayRef(text.substring(0, slash), text.substring(slash + 1));
    }

    /** {@code NAMESPACE/NAME}, as sent in the {@code gateway} query parameter. */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
