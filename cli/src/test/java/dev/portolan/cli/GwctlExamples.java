package dev.portolan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

/**
 * The seed's gwctl examples, run as written with the command's name in place of gwctl, against Portolan serving
 * deploy/examples/gwctl; each output is compared with the same golden text in every mode.
 */
final class GwctlExamples {
    /** The README's "Command line" block, in order; the golden file of each is named after its arguments. */
    static final List<List<String>> COMMANDS = List.of(
            List.of("get", "policies", "-A"),
            List.of("get", "policycrds"),
            List.of("describe", "httproutes", "-n", "ns2"),
            List.of("describe", "httproutes", "my-httproute-1"),
            List.of("describe", "gateways", "-A"),
            List.of("describe", "gatewayclasses", "foo-com-external-gateway-class"));

    private GwctlExamples() {
    }

    static String goldenName(List<String> args) {
        return "gwctl-examples/" + String.join("_", args.stream().map(arg -> arg.replaceFirst("^-+", "")).toList())
                + ".txt";
    }

    /** Waits until Portolan has loaded every example (my-httproute-1 is in the last file). */
    static void awaitLoaded(String server) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            CliRun run = CliRun.against(server, "get", "policies", "-A");
            if (run.code() == 0 && run.out().contains("my-retry-policy")
                    && CliRun.against(server, "get", "policycrds").out().contains("tlsminimumversionpolicies")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Portolan did not load deploy/examples/gwctl: " + run);
            }
            Thread.sleep(100);
        }
    }

    static void assertAllMatchGolden(String server) throws IOException {
        for (List<String> args : COMMANDS) {
            CliRun run = CliRun.against(server, args.toArray(String[]::new));
            assertEquals(0, run.code(), String.join(" ", args) + ": " + run);
            assertTrue(run.err().isEmpty(), String.join(" ", args) + " printed to stderr: " + run);
            Golden.assertMatches(goldenName(args), run.out());
        }
    }
}
