package dev.portolan.translate;

import dev.portolan.model.ResourceKey;

/**
 * Something the resources say that the ProxyConfig cannot express, and what the translator did instead.
 *
 * @param object the Gateway, HTTPRoute or Secret concerned
 * @param field  the field path inside it, e.g. {@code spec.rules[0].filters[1]}
 * @param message what is wrong and the consequence (e.g. "the rule answers 500")
 */
public record TranslationProblem(ResourceKey object, String field, String message) {
    @Override
    public String toString() {
        return object.kind() + " " + object.namespacedName() + " " + field + ": " + message;
    }
}
