package dev.portolan.translate;

import dev.portolan.model.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects translation problems; sorted and de-duplicated at the end so output does not depend on visit order. */
final class Problems {
    private final List<TranslationProblem> problems = new ArrayList<>();
    private final java.util.SortedMap<ResourceKey, java.util.SortedSet<Integer>> disabledRules = new java.util.TreeMap<>();

    void add(ResourceKey object, String field, String message) {
        problems.add(new TranslationProblem(object, field, message));
    }

    /** Records that a rule of a route cannot be served at all (left out, or answering 500). */
    void ruleDisabled(ResourceKey route, int rule) {
        disabledRules.computeIfAbsent(route, r -> new java.util.TreeSet<>()).add(rule);
    }

    java.util.SortedMap<ResourceKey, java.util.SortedSet<Integer>> disabledRules() {
        return disabledRules;
    }

    /** As added, before sorting (what one Gateway's translation met, to be added again when it is reused). */
    List<TranslationProblem> added() {
        return List.copyOf(problems);
    }

    /** Adds what another collector met. */
    void addAll(List<TranslationProblem> more, java.util.SortedMap<ResourceKey, java.util.SortedSet<Integer>> disabled) {
        problems.addAll(more);
        disabled.forEach((route, rules) -> disabledRules.computeIfAbsent(route, r -> new java.util.TreeSet<>())
                .addAll(rules));
    }

    List<TranslationProblem> sorted() {
        return problems.stream()
                .distinct()
                .sorted(Comparator.comparing(TranslationProblem::object)
                        .thenComparing(TranslationProblem::field)
                        .thenComparing(TranslationProblem::message))
                .toList();
    }
}
