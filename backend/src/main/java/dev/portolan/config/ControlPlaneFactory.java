package dev.portolan.config;

import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.distribute.ConfigTranslation;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.store.ResourceStore;
import dev.portolan.store.file.FileStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires embedded mode: the manifest folder store and the snapshot service that follows it. */
@Factory
public class ControlPlaneFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    ResourceStore resourceStore(PortolanConfig config) {
        Path folder = config.getManifests().toAbsolutePath().normalize();
        LOG.info("embedded mode: reading manifests from {}", folder);
        return FileStore.open(folder, Clock.systemUTC());
    }

    @Singleton
    ConfigPublisher configPublisher() {
        return new ConfigPublisher();
    }

    /** Started with the application context, so that manifests load (and problems show) at boot. */
    @Context
    @Bean(preDestroy = "close")
    SnapshotService snapshotService(ResourceStore store, PortolanConfig config, ConfigPublisher publisher) {
        SnapshotService snapshots = new SnapshotService(store, config.getControllerName(), Clock.systemUTC());
        snapshots.onSnapshot(new ConfigTranslation(publisher));
        return snapshots.start();
    }
}
