package dev.portolan.translate;

import dev.portolan.model.ResourceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects translation problems; sorted and de-duplicated at the end so output does not depend on visit order. */
final class Problems {
    private final List<TranslationProblem> problems = new ArrayList<>();

    void add(ResourceKey object, String field, String message) {
        problems.add(new TranslationProblem(object, field, message));
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
