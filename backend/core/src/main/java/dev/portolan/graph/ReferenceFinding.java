package dev.portolan.graph;

import dev.portolan.graph.ReferenceIndex.Field;
import dev.portolan.graph.ReferenceIndex.Reference;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * gwctl's analysis of one spec reference, the one set of findings {@code describe} (the {@code analysis} section) and
 * {@code analyze} (dry-run issues) both report: a reference to an object that does not exist, or a cross-namespace
 * reference to a backend that no ReferenceGrant admits. Pure.
 *
 * @param object    the referring object
 * @param where     the field the reference is written in, e.g. {@code spec.rules[0].backendRefs}
 * @param type      {@link #NOT_FOUND} or {@link #NOT_PERMITTED}
 * @param reference the referenced object
 * @param message   gwctl's wording, e.g. {@code HTTPRoute "ns/r" references a non-existent Service "ns/s"}
 */
public record ReferenceFinding(ResourceKey object, String where, String type, ResourceKey reference,
                               String message) {
    public static final String NOT_FOUND = "ReferenceNotFound";
    public static final String NOT_PERMITTED = "ReferenceNotPermitted";

    /** {@code from} references {@code to}, which does not exist. */
    public static ReferenceFinding notFound(ResourceKey from, String where, ResourceKey to) {
        return new ReferenceFinding(from, where, NOT_FOUND, to, name(from) + " references a non-existent " + name(to));
    }

    /** {@code from} references {@code to} in another namespace and no ReferenceGrant there admits it. */
    public static ReferenceFinding notPermitted(ResourceKey from, String where, ResourceKey to) {
        return new ReferenceFinding(from, where, NOT_PERMITTED, to,
                name(from) + " is not permitted to reference " + name(to));
    }

    /** Findings of every reference, in the index's order, one per place the reference is written. */
    public static List<ReferenceFinding> all(ReferenceIndex index, Predicate<ResourceKey> exists) {
        List<ReferenceFinding> out = new ArrayList<>();
        for (Reference reference : index.all()) {
            for (String where : index.locations(reference)) {
                of(index, reference, where, exists).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The finding of one reference written at {@code where}: a missing target first (a grant cannot help it), then a
     * backend in another namespace without a ReferenceGrant. Parents and classes need no grant.
     */
    public static Optional<ReferenceFinding> of(ReferenceIndex index, Reference reference, String where,
                                                Predicate<ResourceKey> exists) {
        if (reference.field() == Field.GATEWAY_CLASS && reference.to().name().isEmpty()) {
            return Optional.empty();
        }
        if (!exists.test(reference.to())) {
            return Optional.of(notFound(reference.from(), where, reference.to()));
        }
        boolean needsGrant = reference.field() == Field.BACKEND || reference.field() == Field.MIRROR;
        if (needsGrant && reference.crossNamespace()
                && index.grantsAdmitting(reference.from(), reference.field(), reference.to()).isEmpty()) {
            return Optional.of(notPermitted(reference.from(), where, reference.to()));
        }
        return Optional.empty();
    }

    /** gwctl's naming: {@code HTTPRoute "ns/name"}, {@code GatewayClass "name"}, Kind.group for other groups. */
    public static String name(ResourceKey key) {
        String kind = key.group().isEmpty() || key.group().equals(ApiGroups.GATEWAY) ? key.kind() : key.groupKind();
        return kind + " \"" + key.namespacedName() + "\"";
    }
}
