package dev.portolan.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds get and describe know, by the names gwctl and kubectl accept for them. */
enum Kind {
    GATEWAY_CLASSES("gatewayclasses", "GatewayClass", false, "gatewayclass", "gc"),
    GATEWAYS("gateways", "Gateway", true, "gateway", "gw"),
    HTTP_ROUTES("httproutes", "HTTPRoute", true, "httproute"),
    BACKENDS("backends", "Service", true, "backend", "services", "service", "svc"),
    POLICIES("policies", "Policy", true, "policy"),
    POLICY_CRDS("policycrds", "PolicyCRD", false, "policycrd"),
    NAMESPACES("namespaces", "Namespace", false, "namespace", "ns");

    final String plural;
    final String kindName;
    /** Listed per namespace (policies: some of them; cluster-scoped policy kinds are listed everywhere). */
    final boolean namespaced;
    private final List<String> aliases;

    Kind(String plural, String kindName, boolean namespaced, String... aliases) {
        this.plural = plural;
        this.kindName = kindName;
        this.namespaced = namespaced;
        this.aliases = List.of(aliases);
    }

    static Optional<Kind> named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.plural.equals(wanted) || kind.aliases.contains(wanted))
                .findFirst();
    }

    static Kind parse(String name) {
        return named(name).orElseThrow(() -> new CliFailure(Exit.USAGE, "unknown resource type \""
                + Failures.printable(name) + "\"; known: " + known()));
    }

    static String known() {
        return Arrays.stream(values()).map(kind -> kind.plural).collect(Collectors.joining(", "));
    }
}
