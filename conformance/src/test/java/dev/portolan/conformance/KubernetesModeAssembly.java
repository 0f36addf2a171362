package dev.portolan.conformance;

import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.distribute.ConfigTranslation;
import dev.portolan.embedded.EmbeddedDataPlane;
import dev.portolan.kubernetes.KubernetesStore;
import dev.portolan.kubernetes.KubernetesStoreOptions;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.snapshot.SnapshotService;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;

/**
 * Kubernetes mode's pieces wired as embedded mode wires them ({@code EmbeddedPortolan}), with the KubernetesStore in
 * place of the file store: snapshots with status written through the API server, config translation and the
 * in-process Jetty proxy. A stand-in until the application's own Kubernetes control plane assembly exists; then
 * this class should give way to it.
 */
final class KubernetesModeAssembly implements AutoCloseable {
    private final KubernetesStore store;
    private final SnapshotService snapshots;
    private final EmbeddedDataPlane dataPlane;

    private KubernetesModeAssembly(KubernetesStore store, SnapshotService snapshots, EmbeddedDataPlane dataPlane) {
        this.store = store;
        this.snapshots = snapshots;
        this.dataPlane = dataPlane;
    }

    /**
     * @param client     the store's own client of the API server (closed by the caller)
     * @param portOffset added to every listener port, as in embedded mode
     */
    static KubernetesModeAssembly start(KubernetesClient client, String controllerName, int portOffset)
            throws Exception {
        KubernetesStore store = KubernetesStore.start(client,
                new KubernetesStoreOptions(List.of(), controllerName, KubernetesStoreOptions.allNamespaces()
                        .resyncMillis()));
        ConfigPublisher publisher = new ConfigPublisher();
        EmbeddedDataPlane dataPlane = null;
        SnapshotService snapshots = null;
        try {
            dataPlane = EmbeddedDataPlane.start(publisher, new HttpForwarder(),
                    ProxyServerOptions.defaults().withPortOffset(portOffset), -1);
            snapshots = new SnapshotService(store, controllerName, Clock.systemUTC());
            snapshots.onSnapshot(new ConfigTranslation(publisher));
            snapshots.start();
        } catch (Exception | Error e) {
            if (snapshots != null) {
                snapshots.close();
            }
            if (dataPlane != null) {
                dataPlane.close();
            }
            store.close();
            throw e;
        }
        return new KubernetesModeAssembly(store, snapshots, dataPlane);
    }

    KubernetesStore store() {
        return store;
    }

    /**
     * The store first (no more changes come in), then the status writes of the last changes are let finish: closing
     * the snapshot service interrupts a write in flight, which would log a failed rebuild for nothing.
     */
    @Override
    public void close() {
        try {
            store.close();
            snapshots.awaitRebuild();
        } finally {
            snapshots.close();
            dataPlane.close();
        }
    }
}
