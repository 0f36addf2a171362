package dev.portolan.store;

import dev.portolan.model.ResourceKey;

/** Why a store write was refused. */
public abstract sealed class StoreException extends RuntimeException {
    private final ResourceKey object;

    protected StoreException(ResourceKey object, String message) {
        super(message);
        this.object = object;
    }

    /** The object the write was about, when known. */
    public ResourceKey object() {
        return object;
    }

    /** The manifest is malformed. */
    public static final class Invalid extends StoreException {
        private final String field;

        public Invalid(ResourceKey object, String field, String reason) {
            super(object, reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A resourceVersion precondition failed: someone else wrote the object first. */
    public static final class Conflict extends StoreException {
        public Conflict(ResourceKey object, String message) {
            super(object, message);
        }
    }

    /** The store cannot write (e.g. I/O failure); nothing was changed. */
    public static final class Unavailable extends StoreException {
        public Unavailable(ResourceKey object, String message) {
            super(object, message);
        }
    }
}
