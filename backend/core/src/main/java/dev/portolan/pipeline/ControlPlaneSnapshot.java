package dev.portolan.pipeline;

import dev.portolan.model.ResourceSet;
import dev.portolan.store.StoreSnapshot;
import java.time.Instant;

/**
 * One immutable view of the control plane: what the store held, what was computed from it. Readers (API,
 * dashboard, proxy translation) take the current snapshot and never recompute.
 *
 * @param version rises by one with every rebuild; the config version the API and proxy report
 */
public record ControlPlaneSnapshot(long version, Instant computedAt, StoreSnapshot store, ResourceSet resources,
                                   ComputedState computed) {
}
