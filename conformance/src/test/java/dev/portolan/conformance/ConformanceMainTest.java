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
    void findsThePureStatusProviderAndRejectsUnknownNames() {
        assertEquals(PureStatusPortolan.NAME, ConformanceMain.provider(null).name());
        assertEquals(2, ConformanceMain.run(new String[] {CASES, "--implementation", "nope"}));
        assertEquals(2, ConformanceMain.run(new String[] {"/no/such/folder"}));
        assertEquals(2, ConformanceMain.run(new String[] {CASES, "--only"}));
    }
}
