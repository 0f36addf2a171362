package dev.portolan.graph.backendtls;

import dev.portolan.model.ResourceKey;
import java.util.Comparator;

/**
 * What a BackendTLSPolicy applies to: a whole Service ({@code sectionName} empty) or one named port of it.
 * Two policies conflict only when they name the same Service and the same sectionName; a policy for a named port
 * is more specific than one for the whole Service and wins for that port.
 */
public record PolicyTarget(ResourceKey service, String sectionName) implements Comparable<PolicyTarget> {
    private static final Comparator<PolicyTarget> ORDER = Comparator
            .comparing(PolicyTarget::service)
            .thenComparing(PolicyTarget::sectionName);

    public PolicyTarget {
        sectionName = sectionName == null ? "" : sectionName;
    }

    public boolean wholeService() {
        return sectionName.isEmpty();
    }

    @Override
    public int compareTo(PolicyTarget other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "Service " + service.namespacedName() + (wholeService() ? "" : " port " + sectionName);
    }
}
