package dev.portolan.cli;

import org.junit.jupiter.api.Test;

/** The seed's gwctl examples against embedded Portolan on deploy/examples/gwctl: golden output. */
class GwctlExamplesEmbeddedTest {
    @Test
    void theSeedsGwctlExamplesPrintTheGoldenOutput() throws Exception {
        try (EmbeddedPortolan portolan = EmbeddedPortolan.start("gwctl", "")) {
            GwctlExamples.awaitLoaded(portolan.server);
            GwctlExamples.assertAllMatchGolden(portolan.server);
        }
    }
}
