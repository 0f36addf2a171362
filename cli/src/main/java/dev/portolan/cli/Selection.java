package dev.portolan.cli;

import picocli.CommandLine.Option;

/** Which objects: gwctl's -n (default "default"), -A and -l. */
final class Selection {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", defaultValue = "default",
            description = "Namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "All namespaces")
    boolean allNamespaces;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Label selector, e.g. app=web,tier!=db,env in (a,b)")
    String selector;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** -n was given on the command line (rather than defaulted). */
    boolean namespaceGiven() {
        return mixee != null && mixee.commandLine() != null
                && mixee.commandLine().getParseResult() != null
                && mixee.commandLine().getParseResult().hasMatchedOption("-n");
    }

    /** The namespace to list, or null for all. */
    String listNamespace() {
        return allNamespaces ? null : namespace;
    }
}
