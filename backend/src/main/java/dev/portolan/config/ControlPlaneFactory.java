package dev.portolan.config;

import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.embedded.EmbeddedPortolan;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.store.ResourceStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires embedded mode into the application: the store, snapshots and configs come from one EmbeddedPortolan. */
@Factory
public class ControlPlaneFactory {

    /** Started with the application context, so that manifests load (and problems show) at boot. */
    @Context
    @Bean(preDestroy = "close")
    EmbeddedPortolan embeddedPortolan(PortolanConfig config) throws Exception {
        PortolanConfig.ProxySettings proxy = config.getProxy();
        return EmbeddedPortolan.start(new EmbeddedPortolan.Options(config.getManifests(), config.getControllerName(),
                proxy.isEnabled(), proxy.getPortOffset(), proxy.getAdminPort()), HttpForwarder::new);
    }

    @Singleton
    ResourceStore resourceStore(EmbeddedPortolan portolan) {
        return portolan.store();
    }

    @Singleton
    SnapshotService snapshotService(EmbeddedPortolan portolan) {
        return portolan.snapshots();
    }

    @Singleton
    ConfigPublisher configPublisher(EmbeddedPortolan portolan) {
        return portolan.publisher();
    }
}
