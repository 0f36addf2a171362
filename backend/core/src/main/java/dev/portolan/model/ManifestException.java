package dev.portolan.model;

/**
 * A manifest that cannot be understood. Carries the JSON path of the offending field (for example
 * {@code spec.listeners[0].port}) so that errors name the object, the field and what is wrong.
 */
public class ManifestException extends RuntimeException {
    private final String field;

    public ManifestException(String field, String reason) {
        super(reason);
        this.field = field == null ? "" : field;
    }

    public ManifestException(String field, String reason, Throwable cause) {
        super(reason, cause);
        this.field = field == null ? "" : field;
    }

    /** JSON path of the offending field, empty when the whole document is at fault. */
    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
