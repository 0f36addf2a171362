package dev.portolan.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BadgesTest {
    @Test
    void statusValuesMapToTheirClassesAndAnythingElseIsUnknown() {
        assertEquals("status-true", Badges.cssClass("True"));
        assertEquals("status-false", Badges.cssClass("False"));
        assertEquals("status-partial", Badges.cssClass("Partial"));
        assertEquals("status-unknown", Badges.cssClass("Unknown"));
        assertEquals("status-unknown", Badges.cssClass(""));
        assertEquals("status-unknown", Badges.cssClass(null));
    }

    @Test
    void conflictedFalseIsHealthyAndNeutral() {
        assertEquals("status-neutral", Badges.forCondition("Conflicted", "False"));
        assertEquals("status-neutral", Badges.forCondition("OverlappingTLSConfig", "False"));
        assertEquals("status-false", Badges.forCondition("Conflicted", "True"));
        assertEquals("status-true", Badges.forCondition("Accepted", "True"));
        assertEquals("status-false", Badges.forCondition("ResolvedRefs", "False"));
    }
}
