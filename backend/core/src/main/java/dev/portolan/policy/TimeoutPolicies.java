package dev.portolan.policy;

import dev.portolan.model.ApiGroups;

/** Portolan's inherited TimeoutPolicy kind (CRD in deploy/crds/timeoutpolicies.gateway.portolan.dev.yaml). */
public final class TimeoutPolicies {
    public static final String GROUP = ApiGroups.PORTOLAN;
    public static final String KIND = ApiGroups.TIMEOUT_POLICY;
    public static final String VERSION = "v1alpha1";
    public static final String CRD_NAME = "timeoutpolicies." + GROUP;
    /** Key of its effective policies, {@code TimeoutPolicy.gateway.portolan.dev}. */
    public static final String GROUP_KIND = KIND + "." + GROUP;
    public static final String REQUEST = "request";
    public static final String BACKEND_REQUEST = "backendRequest";

    private TimeoutPolicies() {
    }
}
