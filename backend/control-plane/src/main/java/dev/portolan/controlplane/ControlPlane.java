package dev.portolan.controlplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.distribute.ConfigPublisher;
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

    /** What the current proxy config could not express (e.g. an unsupported filter). */
    List<TranslationProblem> translationProblems();

    /** The in-process proxy, when this control plane runs one. */
    default Optional<EmbeddedDataPlane> dataPlane() {
        return Optional.empty();
    }

    @Override
    void close();
}
