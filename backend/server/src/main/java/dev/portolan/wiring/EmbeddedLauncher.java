package dev.portolan.wiring;

import dev.portolan.controlplane.ControlPlane;
import dev.portolan.controlplane.ControlPlaneLauncher;
import dev.portolan.embedded.EmbeddedPortolan;
import dev.portolan.proxy.ProxyTuning;
import dev.portolan.proxy.forward.HttpForwarder;
import dev.portolan.threads.BackgroundThreads;
import jakarta.inject.Singleton;

/** Embedded mode: manifests from a folder, the proxy in the same JVM. */
@Singleton
public class EmbeddedLauncher implements ControlPlaneLauncher {
    public static final String MODE = "embedded";

    private final PortolanConfig config;

    public EmbeddedLauncher(PortolanConfig config) {
        this.config = config;
    }

    @Override
    public String mode() {
        return MODE;
    }

    @Override
    public ControlPlane start() throws Exception {
        PortolanConfig.ProxySettings proxy = config.getProxy();
        ProxyTuning tuning = proxy.tuning();
        if (proxy.isEnabled() && proxy.isCpuFirst()) {
            BackgroundThreads.yieldToProxy();
        }
        return EmbeddedPortolan.start(new EmbeddedPortolan.Options(config.getManifests(), config.getControllerName(),
                proxy.isEnabled(), proxy.getPortOffset(), proxy.getAdminPort(), tuning.edge(),
                tuning.idleTimeoutMillis()), () -> new HttpForwarder(tuning.upstream()));
    }
}
