package dev.portolan.graph.backendtls;

/** Upstream condition types and reasons used on BackendTLSPolicy ancestors (Gateway API v1.4+). */
public final class BackendTlsReasons {
    public static final String ACCEPTED = "Accepted";
    public static final String RESOLVED_REFS = "ResolvedRefs";

    /** Accepted=False reasons. */
    public static final String INVALID = "Invalid";
    public static final String CONFLICTED = "Conflicted";
    public static final String TARGET_NOT_FOUND = "TargetNotFound";
    public static final String NO_VALID_CA_CERTIFICATE = "NoValidCACertificate";

    /** ResolvedRefs=False reasons. */
    public static final String INVALID_KIND = "InvalidKind";
    public static final String INVALID_CA_CERTIFICATE_REF = "InvalidCACertificateRef";

    private BackendTlsReasons() {
    }
}
