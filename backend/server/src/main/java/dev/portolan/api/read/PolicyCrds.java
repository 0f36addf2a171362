package dev.portolan.api.read;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.PolicyCrd;

/** Identity of a policy CRD object. */
final class PolicyCrds {
    private PolicyCrds() {
    }

    static ResourceKey key(PolicyCrd crd) {
        return ResourceKey.of(ApiGroups.APIEXTENSIONS, ApiGroups.CRD, "", crd.name());
    }
}
