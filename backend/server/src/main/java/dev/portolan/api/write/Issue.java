package dev.portolan.api.write;

import java.util.Comparator;

/**
 * One thing wrong with a configuration, comparable across two computations (no timestamps, no versions).
 *
 * @param object  {@code Kind/namespace/name}
 * @param source  {@code status} (a False condition), {@code translation} (the proxy cannot express it) or
 *                {@code reference} (gwctl-style analysis: a missing object, a missing ReferenceGrant)
 * @param where   where inside the object: {@code parent default/web}, {@code listener https}, a field path, or ""
 * @param type    the condition type, or {@code Translation} / {@code Reference}
 * @param reason  the condition reason, {@code Unexpressible}, or for references the finding type describe's analysis
 *                uses ({@code ReferenceNotFound}, {@code ReferenceNotPermitted})
 */
public record Issue(String object, String source, String where, String type, String reason, String message)
        implements Comparable<Issue> {
    public static final String STATUS = "status";
    public static final String TRANSLATION = "translation";
    public static final String REFERENCE = "reference";

    private static final Comparator<Issue> ORDER = Comparator.comparing(Issue::object)
            .thenComparing(Issue::source).thenComparing(Issue::where).thenComparing(Issue::type)
            .thenComparing(Issue::reason).thenComparing(Issue::message);

    @Override
    public int compareTo(Issue other) {
        return ORDER.compare(this, other);
    }
}
