package dev.portolan.wiring;

import dev.portolan.controlplane.ControlPlane;
import dev.portolan.controlplane.ControlPlaneLauncher;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.snapshot.SnapshotService;
import dev.portolan.store.ResourceStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.stream.Collectors;

/** Starts the control plane of the configured {@code portolan.mode}; the store, snapshots and configs come from it. */
@Factory
public class ControlPlaneFactory {

    /** Started with the application context, so that resources load (and problems show) at boot. */
    @Context
    @Bean(preDestroy = "close")
    ControlPlane controlPlane(PortolanConfig config, List<ControlPlaneLauncher> launchers) throws Exception {
        return launcher(config.getMode(), launchers).start();
    }

    static ControlPlaneLauncher launcher(String mode, List<ControlPlaneLauncher> launchers) {
        return launchers.stream()
                .filter(launcher -> launcher.mode().equals(mode))
                .findFirst()
                .orElseThrow(() -> new ConfigurationException("portolan.mode: '" + mode
                        + "' is not a mode of this build; use one of " + launchers.stream()
                        .map(ControlPlaneLauncher::mode).sorted().collect(Collectors.joining(", "))));
    }

    @Singleton
    ResourceStore resourceStore(ControlPlane controlPlane) {
        return controlPlane.store();
    }

    @Singleton
    SnapshotService snapshotService(ControlPlane controlPlane) {
        return controlPlane.snapshots();
    }

    @Singleton
    ConfigPublisher configPublisher(ControlPlane controlPlane) {
        return controlPlane.publisher();
    }
}
