package dev.portolan.conformance;

import java.time.Duration;
import java.util.List;

/** All case results of a run. */
public record RunSummary(List<CaseResult> results, Duration elapsed) {
    public long count(CaseResult.Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** The closing line, e.g. {@code 40 passed, 2 failed, 3 skipped}. */
    public String line() {
        return count(CaseResult.Verdict.PASS) + " passed, " + count(CaseResult.Verdict.FAIL) + " failed, "
                + count(CaseResult.Verdict.SKIP) + " skipped";
    }
}
