package dev.portolan.web.pages;

import java.util.List;
import java.util.Optional;

/** The dashboard's list pages: path segment, title, and the gwctl wide columns of the API's list items. */
public enum ListKind {
    GATEWAY_CLASSES("gatewayclasses", "GatewayClasses", List.of(Column.text("Name", "name"),
            Column.text("Controller", "controller"), Column.status("Accepted", "accepted"),
            Column.text("Gateways", "gateways"), Column.text("Policies", "policies"), Column.text("Age", "age"))),
    GATEWAYS("gateways", "Gateways", List.of(Column.text("Namespace", "namespace"), Column.text("Name", "name"),
            Column.text("Class", "class"), Column.text("Addresses", "addresses"), Column.text("Ports", "ports"),
            Column.status("Programmed", "programmed"), Column.text("Attached routes", "attachedRoutes"),
            Column.text("Policies", "policies"), Column.text("Inherited policies", "inheritedPolicies"),
            Column.text("Timeouts for its routes", "timeouts"), Column.text("Age", "age"))),
    HTTP_ROUTES("httproutes", "HTTPRoutes", List.of(Column.text("Namespace", "namespace"),
            Column.text("Name", "name"), Column.text("Hostnames", "hostnames"),
            Column.text("Parent refs", "parentRefs"), Column.status("Accepted", "accepted"),
            Column.status("ResolvedRefs", "resolvedRefs"), Column.text("Policies", "policies"),
            Column.text("Inherited policies", "inheritedPolicies"), Column.text("Effective timeouts", "timeouts"),
            Column.text("Age", "age"))),
    BACKENDS("backends", "Backends", List.of(Column.text("Namespace", "namespace"), Column.text("Name", "name"),
            Column.text("Type", "type"), Column.text("Referred by routes", "referredByRoutes"),
            Column.text("Policies", "policies"), Column.text("Inherited policies", "inheritedPolicies"),
            Column.text("Effective timeouts", "timeouts"), Column.text("Age", "age"))),
    POLICIES("policies", "Policies", List.of(Column.text("Namespace", "namespace"), Column.text("Name", "name"),
            Column.text("Kind", "policyKind"), Column.text("Targets", "targets"),
            Column.text("Policy type", "policyType"), Column.status("Accepted", "accepted"),
            Column.text("Affects", "affects"), Column.text("Age", "age"))),
    POLICY_CRDS("policycrds", "Policy CRDs", List.of(Column.text("Name", "name"),
            Column.text("Policy kind", "policyKind"), Column.text("Policy type", "policyType"),
            Column.text("Scope", "scope"), Column.text("Built in", "builtIn"),
            Column.text("Instances", "instances"))),
    REFERENCE_GRANTS("referencegrants", "ReferenceGrants", List.of(Column.text("Namespace", "namespace"),
            Column.text("Name", "name"), Column.text("Policies", "policies"), Column.text("Age", "age")));

    private final String plural;
    private final String title;
    private final List<Column> columns;

    ListKind(String plural, String title, List<Column> columns) {
        this.plural = plural;
        this.title = title;
        this.columns = columns;
    }

    public String plural() {
        return plural;
    }

    public String title() {
        return title;
    }

    public List<Column> columns() {
        return columns;
    }

    public static Optional<ListKind> byPlural(String plural) {
        for (ListKind kind : values()) {
            if (kind.plural.equals(plural)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
