package dev.portolan.api.problem;

/**
 * Where the OpenAPI document describes the error body: one {@code Problem} schema (backend/server/src/main/openapi/
 * problem.yml, merged by micronaut-openapi) on every error response, as {@code application/problem+json}.
 */
public final class ProblemSchema {
    public static final String MEDIA_TYPE = ProblemJsonBodyProvider.PROBLEM_JSON;
    public static final String REF = "#/components/schemas/Problem";
    // 421, 429 and 500, which every operation can answer, are added to the document by the build
    // (backend/server/src/build/java/SharedResponses.java), not repeated on each operation
    public static final String READ_UNAUTHORIZED = "Reads need Authorization: Bearer <viewer or editor token> "
            + "except from loopback (portolan.api.trust-loopback) or with portolan.api.open-reads";

    private ProblemSchema() {
    }
}
