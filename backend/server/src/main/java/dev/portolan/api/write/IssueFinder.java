package dev.portolan.api.write;

import dev.portolan.graph.ReferenceFinding;
import dev.portolan.model.ResourceSet;
import dev.portolan.pipeline.ComputedState;
import dev.portolan.pipeline.StatusProblem;
import dev.portolan.translate.TranslationProblem;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every issue of one computed configuration: False status conditions, what the proxy config cannot express, and
 * gwctl's {@link ReferenceFinding}s (the same {@code describe} shows: a reference to a non-existent object, a
 * backend in another namespace without a ReferenceGrant). Pure.
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
        for (ReferenceFinding finding : ReferenceFinding.all(computed.graph().references(),
                key -> resources.get(key).isPresent())) {
            issues.add(new Issue(finding.object().toString(), Issue.REFERENCE, finding.where(), "Reference",
                    finding.type(), finding.message()));
        }
        return issues;
    }
}
