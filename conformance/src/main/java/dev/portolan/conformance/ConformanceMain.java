package dev.portolan.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ConformanceMain <cases-folder> [--only NAME,...] [--implementation NAME]}: runs the cases and prints one
 * line per case plus the counts. Exit code 0 when nothing failed, 1 when a case failed, 2 on bad usage or setup.
 * Without {@code --implementation}: the one provider other than {@code pure-status} if there is exactly one,
 * else {@code pure-status}.
 */
public final class ConformanceMain {
    private ConformanceMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path folder = null;
        Set<String> only = new TreeSet<>();
        String implementation = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--only" -> only.addAll(List.of(value(args, ++i, "--only").split(",")));
                    case "--implementation" -> implementation = value(args, ++i, "--implementation");
                    default -> folder = Path.of(args[i]);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (folder == null || !Files.isDirectory(folder)) {
            System.err.println("usage: ConformanceMain <cases-folder> [--only NAME,...] [--implementation NAME]"
                    + (folder == null ? "" : " (" + folder + " is not a folder)"));
            return 2;
        }
        List<ConformanceCase> cases = ConformanceCase.loadAll(folder).stream()
                .filter(c -> only.isEmpty() || only.contains(c.name())).toList();
        PortolanUnderTestProvider provider;
        try {
            provider = provider(implementation);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println("implementation " + provider.name() + ", " + cases.size() + " cases from " + folder);
        try (PortolanUnderTest portolan = provider.start(GatewayClassUnderTest.PORTOLAN);
             ConformanceRunner runner = new ConformanceRunner(portolan, GatewayClassUnderTest.PORTOLAN, folder,
                     RunnerOptions.defaults(), System.out)) {
            runner.setUp();
            return runner.runAll(cases).count(CaseResult.Verdict.FAIL) == 0 ? 0 : 1;
        } catch (Exception e) {
            System.err.println("conformance run aborted: " + e.getMessage());
            e.printStackTrace();
            return 2;
        }
    }

    static PortolanUnderTestProvider provider(String name) {
        List<PortolanUnderTestProvider> all = new ArrayList<>();
        ServiceLoader.load(PortolanUnderTestProvider.class).forEach(all::add);
        List<String> names = all.stream().map(PortolanUnderTestProvider::name).sorted().toList();
        if (name != null) {
            return all.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--implementation " + name + " is unknown; known: " + names));
        }
        List<PortolanUnderTestProvider> others = all.stream().filter(p -> !p.name().equals(PureStatusPortolan.NAME)).toList();
        return others.size() == 1 ? others.get(0) : new PureStatusPortolan.Provider();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
