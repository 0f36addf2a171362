package dev.portolan.api.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.api.problem.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
    private static final Map<String, String> WEB = Map.of("app", "web", "env", "prod", "tier", "front");

    @Test
    void everyOperatorOfTheKubernetesSyntax() {
        LabelSelector selector = LabelSelector.parse("app=web, env!=dev,tier in (front, back),!legacy,env");
        assertEquals(5, selector.requirements().size());
        assertTrue(selector.matches(WEB));
        assertFalse(selector.matches(Map.of("app", "web", "env", "dev", "tier", "front")));
        assertFalse(selector.matches(Map.of("app", "web", "env", "prod", "tier", "middle")));
        assertFalse(selector.matches(Map.of("app", "web", "env", "prod", "tier", "front", "legacy", "yes")));
        assertFalse(selector.matches(Map.of("app", "web", "tier", "front")), "env must exist");
    }

    @Test
    void doubleEqualsNotInAndPrefixedKeys() {
        assertTrue(LabelSelector.parse("app==web").matches(WEB));
        assertTrue(LabelSelector.parse("env notin (dev,test)").matches(WEB));
        assertFalse(LabelSelector.parse("env notin (prod)").matches(WEB));
        assertTrue(LabelSelector.parse("env notin (prod)").matches(Map.of()), "absent key is not in any set");
        assertTrue(LabelSelector.parse("app.kubernetes.io/name=hello-world")
                .matches(Map.of("app.kubernetes.io/name", "hello-world")));
        assertTrue(LabelSelector.parse("app!=api").matches(Map.of()), "!= holds for an absent key");
        assertTrue(LabelSelector.parse("empty=").matches(Map.of("empty", "")));
    }

    @Test
    void blankSelectsEverything() {
        assertTrue(LabelSelector.parse(null).isEmpty());
        assertTrue(LabelSelector.parse("  ").matches(Map.of()));
    }

    @Test
    void malformedSelectorsNameTheParameter() {
        for (String bad : new String[] {"a in b", "a=b,,c", "=b", "a b c", "a=b c", "bad key!", "x in (a b)"}) {
            ApiException error = assertThrows(ApiException.class, () -> LabelSelector.parse(bad), bad);
            assertEquals("labelSelector", error.field(), bad);
            assertTrue(error.reason().contains(bad), error.reason());
        }
    }
}
