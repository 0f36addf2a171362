package dev.portolan.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.controlplane.ControlPlane;
import dev.portolan.controlplane.ControlPlaneLauncher;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlPlaneFactoryTest {
    private static ControlPlaneLauncher launcher(String mode) {
        return new ControlPlaneLauncher() {
            @Override
            public String mode() {
                return mode;
            }

            @Override
            public ControlPlane start() {
                throw new UnsupportedOperationException("not started in this test");
            }
        };
    }

    @Test
    void theModeNamesTheLauncher() {
        ControlPlaneLauncher kubernetes = launcher("kubernetes");
        assertSame(kubernetes, ControlPlaneFactory.launcher("kubernetes", List.of(launcher("embedded"), kubernetes)));
    }

    @Test
    void anUnknownModeStopsStartUpListingTheModesThereAre() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ControlPlaneFactory.launcher(
                "kubernets", List.of(launcher("kubernetes"), launcher("embedded"))));
        assertTrue(e.getMessage().contains("portolan.mode: 'kubernets' is not a mode of this build"), e.getMessage());
        assertTrue(e.getMessage().endsWith("use one of embedded, kubernetes"), e.getMessage());
    }

    @Test
    void embeddedIsTheDefault() {
        assertEquals("embedded", new PortolanConfig().getMode());
    }
}
