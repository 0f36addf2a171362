package dev.portolan.api.read;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One condition type summarised over several entries (a route's parents, a policy's ancestors), as gwctl's
 * ACCEPTED / RESOLVED columns: True when all are True, False when all are False, Unknown when none says either,
 * Partial otherwise.
 */
public final class ConditionSummary {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String PARTIAL = "Partial";
    public static final String UNKNOWN = "Unknown";

    private ConditionSummary() {
    }

    /** From counts of entries whose condition is True, False, or missing/Unknown. */
    public static String of(int trueCount, int falseCount, int unknownCount) {
        int total = trueCount + falseCount + unknownCount;
        if (total == 0 || trueCount == 0 && falseCount == 0) {
            return UNKNOWN;
        }
        if (trueCount == total) {
            return TRUE;
        }
        if (falseCount == total) {
            return FALSE;
        }
        return PARTIAL;
    }

    /**
     * Summarises {@code type} over the entries of a status array (e.g. {@code status.parents}), each holding
     * {@code conditions}.
     */
    public static String over(JsonNode entries, String type) {
        int trueCount = 0;
        int falseCount = 0;
        int unknownCount = 0;
        for (JsonNode entry : entries) {
            switch (statusOf(entry.path("conditions"), type)) {
                case TRUE -> trueCount++;
                case FALSE -> falseCount++;
                default -> unknownCount++;
            }
        }
        return of(trueCount, falseCount, unknownCount);
    }

    /** The status of one condition type in a conditions array: True, False or Unknown (also when missing). */
    public static String statusOf(JsonNode conditions, String type) {
        for (JsonNode condition : conditions) {
            if (type.equals(condition.path("type").asText())) {
                String status = condition.path("status").asText();
                return status.equals(TRUE) || status.equals(FALSE) ? status : UNKNOWN;
            }
        }
        return UNKNOWN;
    }
}
