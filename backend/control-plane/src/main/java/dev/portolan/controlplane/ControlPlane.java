package dev.portolan.controlplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.pipeline.ControlPlaneSnapshot;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.store.ResourceStore;
import dev.portolan.translate.TranslationProblem;
import java.util.List;
import java.util.Optional;

/**
 * A running control plane, whatever its mode: a store, the snapshots computed from it and the proxy configs
 * published from those. Embedded mode (manifest folder, in-process proxy) and Kubernetes mode (cluster, provisioned
 * proxies) differ only in how they assemble these; the API and dashboard read through this interface.
 */
public interface ControlPlane extends AutoCloseable {

    /** {@code embedded} or {@code kubernetes}. */
    String mode();

    /**
     * Where resources come from, for the summary and the dashboard: {@code mode} plus mode-specific fields
     * ({@code manifests} folder; or {@code cluster}, {@code namespaces} and leadership). Built on each call.
     */
    ObjectNode origin();

    ResourceStore store();

    SnapshotService snapshots();

    ConfigPublisher publisher();

    /**
     * What the current snapshot's proxy config could not express (e.g. an unsupported filter): read from the snapshot
     * itself, so that a page showing snapshot N never shows the problems of N - 1 (a listener that recorded them
     * after publishing ran a moment later, longer while the control plane yields the CPU).
     */
    default List<TranslationProblem> translationProblems() {
        ControlPlaneSnapshot current = snapshots().current();
        return current == null ? List.of() : current.computed().translation().problems();
    }

    /** The in-process proxy, when this control plane runs one. */
    default Optional<EmbeddedDataPlane> dataPlane() {
        return Optional.empty();
    }

    @Override
    void close();
}
