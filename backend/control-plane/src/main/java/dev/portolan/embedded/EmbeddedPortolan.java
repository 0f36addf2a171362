package dev.portolan.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.controlplane.ControlPlane;
import dev.portolan.controlplane.EmbeddedDataPlane;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.distribute.ConfigTranslation;
import dev.portolan.proxy.edge.EdgeSettings;
import dev.portolan.proxy.forward.Forwarder;
import dev.portolan.proxy.listen.ProxyServerOptions;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.store.file.FileStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode in one object: the manifest folder store, the snapshot service, config translation and
 * publication, and (optionally) the in-process proxy. The Micronaut application and the conformance runner both
 * start Portolan through here, so they run the same code path.
 */
public final class EmbeddedPortolan implements ControlPlane {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPortolan.class);

    /**
     * @param proxyPortOffset added to every listener port (80 → 80 + offset) so that ports below 1024 need no root
     * @param adminPort       the proxy admin endpoint's port; 0 = any free port, -1 = off
     * @param edge            what clients may send to the proxy (trusted hops, path normalization, limits)
     * @param idleTimeoutMillis how long an idle client connection to the proxy stays open
     */
    public record Options(Path manifests, String controllerName, boolean proxyEnabled, int proxyPortOffset,
                          int adminPort, EdgeSettings edge, long idleTimeoutMillis) {
        /** With the proxy's default edge settings and idle timeout. */
        public Options(Path manifests, String controllerName, boolean proxyEnabled, int proxyPortOffset,
                       int adminPort) {
            this(manifests, controllerName, proxyEnabled, proxyPortOffset, adminPort, EdgeSettings.defaults(),
                    ProxyServerOptions.defaults().idleTimeoutMillis());
        }
    }

    private final Path folder;
    private final FileStore store;
    private final SnapshotService snapshots;
    private final ConfigPublisher publisher;
    private final EmbeddedDataPlane dataPlane;

    private EmbeddedPortolan(Path folder, FileStore store, SnapshotService snapshots, ConfigPublisher publisher,
                             EmbeddedDataPlane dataPlane) {
        this.folder = folder;
        this.store = store;
        this.snapshots = snapshots;
        this.publisher = publisher;
        this.dataPlane = dataPlane;
    }

    public static EmbeddedPortolan start(Options options, Supplier<Forwarder> forwarders) throws Exception {
        Path folder = options.manifests().toAbsolutePath().normalize();
        LOG.info("embedded mode: reading manifests from {}", folder);
        FileStore store = FileStore.open(folder, Clock.systemUTC());
        ConfigPublisher publisher = new ConfigPublisher();
        EmbeddedDataPlane dataPlane = null;
        SnapshotService snapshots = null;
        ConfigTranslation translation = new ConfigTranslation(publisher);
        try {
            if (options.proxyEnabled()) {
                dataPlane = EmbeddedDataPlane.start(publisher, forwarders.get(),
                        ProxyServerOptions.defaults().withPortOffset(options.proxyPortOffset())
                                .withIdleTimeoutMillis(options.idleTimeoutMillis()).withEdge(options.edge()),
                        options.adminPort());
            }
            snapshots = new SnapshotService(store, options.controllerName(), Clock.systemUTC(),
                    GatewayAddressBook.loopback(), () -> true);
            snapshots.onSnapshot(translation);
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
        return new EmbeddedPortolan(folder, store, snapshots, publisher, dataPlane);
    }

    @Override
    public String mode() {
        return "embedded";
    }

    @Override
    public ObjectNode origin() {
        return JsonNodeFactory.instance.objectNode().put("mode", mode()).put("manifests", folder.toString());
    }

    @Override
    public FileStore store() {
        return store;
    }

    @Override
    public SnapshotService snapshots() {
        return snapshots;
    }

    @Override
    public ConfigPublisher publisher() {
        return publisher;
    }


    @Override
    public Optional<EmbeddedDataPlane> dataPlane() {
        return Optional.ofNullable(dataPlane);
    }

    @Override
    public void close() {
        snapshots.close();
        if (dataPlane != null) {
            dataPlane.close();
        }
        store.close();
    }
}
