package dev.portolan.policy;

/** Levels of the gwctl policy hierarchy, parent first. */
public enum PolicyLevel {
    GATEWAY_CLASS("GatewayClass"),
    NAMESPACE("Namespace"),
    GATEWAY("Gateway"),
    HTTP_ROUTE("HTTPRoute"),
    BACKEND("Backend");

    private final String displayName;

    PolicyLevel(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
