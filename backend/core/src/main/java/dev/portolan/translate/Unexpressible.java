package dev.portolan.translate;

/** Thrown inside the translator when one piece (a filter, a match) cannot be expressed; always caught there. */
final class Unexpressible extends Exception {
    private final String field;

    Unexpressible(String message) {
        this(null, message);
    }

    /** @param field where in the object the piece is, e.g. {@code spec.rules[0].filters[2]} */
    Unexpressible(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** Null when the thrower did not know its position. */
    String field() {
        return field;
    }
}
