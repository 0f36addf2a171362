package dev.portolan.policy;

/**
 * How effective policies are computed.
 *
 * @param semantics which gwctl behaviour to follow
 */
public record PolicyOptions(Semantics semantics) {

    /** gwctl versions differ on whether direct policies flow down the hierarchy. */
    public enum Semantics {
        /** kubernetes-sigs/gwctl: only inheritable policies flow; direct ones are only DirectlyAttached. */
        CURRENT,
        /** gwctl in gateway-api v1.0/v1.1: direct policies are merged along the hierarchy too. */
        V1_0
    }

    public static PolicyOptions defaults() {
        return new PolicyOptions(Semantics.CURRENT);
    }

    boolean flows(Policy policy) {
        return semantics == Semantics.V1_0 || policy.inheritable();
    }
}
