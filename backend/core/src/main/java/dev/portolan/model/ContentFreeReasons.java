package dev.portolan.model;

import dev.portolan.model.reading.ReadFailure;

/**
 * Reasons about a Secret never quote its content: a type error may echo the value it could not convert, and load
 * problems are shown on the overview, in the summary and in the log.
 */
public final class ContentFreeReasons {
    private ContentFreeReasons() {
    }

    /** The reason as is, or without quoted content when the object is (or may be) a Secret. */
    public static String of(ResourceKey key, String reason) {
        boolean secret = key == null || ApiGroups.CORE.equals(key.group()) && ApiGroups.SECRET.equals(key.kind());
        return secret ? ReadFailure.withoutContent(reason) : reason;
    }
}
