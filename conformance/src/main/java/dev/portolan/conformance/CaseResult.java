package dev.portolan.conformance;

import java.util.List;

/** The outcome of one case and the single line reported for it. */
public record CaseResult(String name, Verdict verdict, String reason, int stepsPassed, List<String> skippedSteps) {
    public enum Verdict { PASS, FAIL, SKIP }

    public String line() {
        return verdict == Verdict.PASS ? "PASS " + name : verdict + " " + name + ": " + reason;
    }
}
