package dev.portolan.pem;

/**
 * PEM text that cannot be served, with the part at fault. Messages never quote key material, only block types,
 * indexes and what is wrong.
 */
public final class TlsPemException extends IllegalArgumentException {
    /** Which input the problem is in. */
    public enum Part {
        CERTIFICATE_CHAIN,
        PRIVATE_KEY,
        CA_BUNDLE
    }

    private final Part part;

    public TlsPemException(Part part, String message) {
        super(message);
        this.part = part;
    }

    public TlsPemException(Part part, String message, Throwable cause) {
        super(message, cause);
        this.part = part;
    }

    public Part part() {
        return part;
    }
}
