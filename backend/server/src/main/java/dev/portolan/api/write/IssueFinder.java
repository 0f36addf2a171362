package dev.portolan.api.write;

import dev.portolan.graph.BackendView;
import dev.portolan.graph.RouteView;
import dev.portolan.graph.RuleView;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.StatusProblem;
import dev.portolan.translate.TranslationProblem;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every issue of one computed configuration: False status conditions, what the proxy config cannot express, and
 * gwctl's reference findings for route backends (non-existent Service, missing ReferenceGrant). Pure.
 */
public final class IssueFinder {
    private IssueFinder() {
    }

    public static SortedSet<Issue> find(ResourceSet resources, ComputedState computed) {
        SortedSet<Issue> issues = new TreeSet<>();
        for (StatusProblem problem : StatusProblem.collect(computed.statuses())) {
            issues.add(new Issue(problem.object().toString(), Issue.STATUS, problem.where(), problem.type(),
                    problem.reason(), problem.message()));
        }
        List<TranslationProblem> untranslatable = computed.translation().problems();
        for (TranslationProblem problem : untranslatable) {
            issues.add(new Issue(problem.object().toString(), Issue.TRANSLATION, problem.field(), "Translation",
                    "Unexpressible", problem.message()));
        }
        for (RouteView route : computed.graph().routes().values()) {
            for (RuleView rule : route.rules()) {
                addReferenceFindings(resources, route.key(), "spec.rules[" + rule.index() + "].backendRefs",
                        rule.backends(), issues);
                addReferenceFindings(resources, route.key(), "spec.rules[" + rule.index() + "].filters",
                        rule.mirrors(), issues);
            }
        }
        return issues;
    }

    private static void addReferenceFindings(ResourceSet resources, ResourceKey route, String where,
                                             List<BackendView> backends, SortedSet<Issue> issues) {
        for (BackendView backend : backends) {
            if (backend.resolved()) {
                continue;
            }
            String targetKind = backend.group().isEmpty() ? backend.kind() : backend.kind() + "." + backend.group();
            String target = targetKind + " \"" + backend.namespace() + "/" + backend.name() + "\"";
            String self = route.groupKind() + " \"" + route.namespacedName() + "\"";
            boolean isService = backend.group().isEmpty() && ApiGroups.SERVICE.equals(backend.kind());
            ResourceKey serviceKey = ResourceKey.of(ApiGroups.CORE, ApiGroups.SERVICE, backend.namespace(),
                    backend.name());
            if ("RefNotPermitted".equals(backend.problemReason())) {
                issues.add(new Issue(route.toString(), Issue.REFERENCE, where, "Reference", "RefNotPermitted",
                        self + " is not permitted to reference " + target));
            } else if (isService && resources.get(serviceKey).isEmpty()) {
                issues.add(new Issue(route.toString(), Issue.REFERENCE, where, "Reference", "NonExistent",
                        self + " references a non-existent " + target));
            }
        }
    }
}
