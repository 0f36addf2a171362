package dev.portolan.model.reading;

/**
 * What one manifest text may cost to read, API bodies and files in the manifests folder alike. The sizes follow
 * the Kubernetes API server: a request body is at most 3 MiB and an object is stored in at most ~1.5 MiB, so no
 * valid object needs more. Every limit is enforced while reading, before the cost is paid.
 */
public final class ReadLimits {
    /** Largest API request body and manifest file, in bytes (the API server's request limit). */
    public static final int MAX_TEXT_BYTES = 3 * 1024 * 1024;
    /** Largest text in characters (one character is at least one byte in UTF-8). */
    public static final int MAX_TEXT_CHARS = MAX_TEXT_BYTES;
    /** Deepest nesting of mappings and lists; CRD schemas, the deepest real manifests, stay far below. */
    public static final int MAX_NESTING_DEPTH = 100;
    /**
     * Longest single string value: a Secret holds at most 1 MiB of data, 1.34 MiB in base64, and no object is
     * stored larger than 1.5 MiB.
     */
    public static final int MAX_STRING_CHARS = 3 * 512 * 1024;
    /**
     * Most objects in one file or request body. Each object costs the store a write (API) or a load; beyond this
     * one file or request would hold the store for more than a second. 2,500 routes in one file load in ~0.3 s.
     */
    public static final int MAX_DOCUMENTS = 5000;
    /** Longest mapping key. */
    public static final int MAX_KEY_CHARS = 64 * 1024;

    private ReadLimits() {
    }

    /** "3 MiB": limits as users read them. */
    public static String mebibytes(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % (512 * 1024) == 0 ? (bytes / (512 * 1024)) / 2.0 + " MiB" : bytes + " bytes";
    }
}
