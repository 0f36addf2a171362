package dev.portolan.api.problem;

/**
 * Where the OpenAPI document describes the error body: one {@code Problem} schema (backend/server/src/main/openapi/
 * problem.yml, merged by micronaut-openapi) on every error response, as {@code application/problem+json}.
 */
public final class ProblemSchema {
    public static final String MEDIA_TYPE = ProblemJsonBodyProvider.PROBLEM_JSON;
    public static final String REF = "#/components/schemas/Problem";
    /** Every operation can answer these two (micronaut-openapi drops a {@code default} response). */
    public static final String MISDIRECTED = "The Host header names no name this server answers for "
            + "(portolan.api.allowed-hosts)";
    public static final String SERVER_ERROR = "Portolan could not answer; the server log has the details";
    public static final String READ_UNAUTHORIZED = "Reads need Authorization: Bearer <viewer or editor token> "
            + "except from loopback (portolan.api.trust-loopback) or with portolan.api.open-reads";

    private ProblemSchema() {
    }
}
