package dev.portolan.graph.backendtls;

import dev.portolan.model.ResourceKey;
import dev.portolan.model.Timestamps;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * GEP-713 conflict resolution: among policies naming the same target and sectionName, the one created first wins;
 * on a tie, the first by {@code namespace/name}. Validity plays no part, so a broken older policy still wins (and
 * its target then fails closed) rather than letting a newer one silently take over.
 */
final class PolicyPrecedence {

    /** One policy's claim: its key and creation time. */
    record Claimant(ResourceKey policy, Instant created) {
        static Claimant of(ResourceKey key, BackendTLSPolicy policy) {
            return new Claimant(key, Timestamps.parseOrEpoch(policy.getMetadata().getCreationTimestamp()));
        }
    }

    static final Comparator<Claimant> ORDER = Comparator
            .comparing(Claimant::created)
            .thenComparing(c -> c.policy().namespace())
            .thenComparing(c -> c.policy().name());

    private PolicyPrecedence() {
    }

    /** For each target, every claimant in precedence order: the first one wins. */
    static SortedMap<PolicyTarget, List<Claimant>> rank(Map<PolicyTarget, List<Claimant>> claims) {
        SortedMap<PolicyTarget, List<Claimant>> ranked = new TreeMap<>();
        claims.forEach((target, list) -> {
            List<Claimant> sorted = new ArrayList<>(list);
            sorted.sort(ORDER);
            ranked.put(target, List.copyOf(sorted));
        });
        return ranked;
    }
}
