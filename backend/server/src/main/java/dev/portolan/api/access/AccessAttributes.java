package dev.portolan.api.access;

/** Request attributes the access filter sets for the handlers after it (the audit log records who wrote). */
public final class AccessAttributes {
    /** The {@link Principal#name()}: a token's name, {@code loopback} or {@code anonymous}. */
    public static final String PRINCIPAL = "portolan.principal";
    /** The principal's {@link Role#label()}: {@code viewer} or {@code editor}. */
    public static final String ROLE = "portolan.role";

    private AccessAttributes() {
    }
}
