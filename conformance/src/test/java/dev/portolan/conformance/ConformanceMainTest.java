package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The command line: exit codes and implementation lookup through the ServiceLoader. */
class ConformanceMainTest {
    private static final String CASES = StatusConformanceTest.casesFolder().toString();

    @Test
    void runsTheSelectedCasesWithThePureStatusImplementation() {
        assertEquals(0, ConformanceMain.run(new String[] {CASES, "--only", "GatewayWithAttachedRoutes,HTTPRouteMatching",
                "--implementation", PureStatusPortolan.NAME}));
    }

    @Test
    void defaultsToEmbeddedPortolanAndRejectsUnknownNames() {
        assertEquals("embedded", ConformanceMain.provider(null).name(), "the real data plane is the default");
        assertEquals(PureStatusPortolan.NAME, ConformanceMain.provider(PureStatusPortolan.NAME).name());
        assertEquals(2, ConformanceMain.run(new String[] {CASES, "--implementation", "nope"}));
        assertEquals(2, ConformanceMain.run(new String[] {"/no/such/folder"}));
        assertEquals(2, ConformanceMain.run(new String[] {CASES, "--only"}));
    }
}
