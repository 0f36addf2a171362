package dev.portolan.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SortedMap;

/**
 * The effective policy of one kind for one object (and, for routes and backends, one Gateway).
 *
 * @param groupKind policy kind, {@code Kind.group}
 * @param spec      the displayed value ({@link MergedPolicy#effectiveSpec()})
 * @param values    each key of {@code spec} with its provenance
 * @param merged    the full merge result
 */
public record EffectivePolicy(String groupKind, ObjectNode spec, SortedMap<String, EffectiveValue> values,
                              MergedPolicy merged) {

    static EffectivePolicy of(MergedPolicy merged) {
        return new EffectivePolicy(merged.groupKind(), merged.effectiveSpec(), merged.effectiveValues(), merged);
    }
}
