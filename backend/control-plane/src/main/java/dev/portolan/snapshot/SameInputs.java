package dev.portolan.snapshot;

import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceVersions;
import dev.portolan.model.SortedDiff;
import dev.portolan.store.StoreSnapshot;
import dev.portolan.store.StoredObject;
import java.util.Objects;
import java.util.Set;

/**
 * Whether two store snapshots give the pipeline the same input, so that the state computed from the first serves
 * the second: the same objects with the same manifests apart from {@code metadata.resourceVersion}, and the same
 * status wherever the status is an input. The status of the kinds Portolan writes status to (GatewayClass, Gateway,
 * HTTPRoute, BackendTLSPolicy) is its own output, so writing it back does not make a rebuild; any other kind's status
 * (a Service's load balancer ingress) may be read and counts. Pure.
 */
final class SameInputs {
    private static final Set<String> OWN_STATUS_KINDS = Set.of(ApiGroups.GATEWAY_CLASS, ApiGroups.GATEWAY_KIND,
            ApiGroups.HTTP_ROUTE, ApiGroups.BACKEND_TLS_POLICY);

    private SameInputs() {
    }

    static boolean same(StoreSnapshot before, StoreSnapshot after) {
        if (before == null || before.byKey().size() != after.byKey().size()) {
            return false;
        }
        boolean[] same = {true};
        // one walk in step over objects the store kept as they were, looking only at those it did not
        SortedDiff.forEach(before.byKey(), after.byKey(), (key, then, now) -> {
            if (same[0] && !sameInput(key, then, now)) {
                same[0] = false;
            }
        });
        return same[0];
    }

    private static boolean sameInput(ResourceKey key, StoredObject then, StoredObject now) {
        if (then == null || now == null
                || !ResourceVersions.sameApartFromResourceVersion(then.manifest(), now.manifest())) {
            return false;
        }
        return ownStatus(key) || Objects.equals(then.status(), now.status());
    }

    private static boolean ownStatus(ResourceKey key) {
        return key.group().equals(ApiGroups.GATEWAY) && OWN_STATUS_KINDS.contains(key.kind());
    }
}
