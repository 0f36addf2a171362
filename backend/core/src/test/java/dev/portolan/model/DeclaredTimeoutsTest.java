package dev.portolan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeclaredTimeoutsTest {

    private static HTTPRouteTimeouts spec(String request, String backendRequest) {
        HTTPRouteTimeouts spec = new HTTPRouteTimeouts();
        spec.setRequest(request);
        spec.setBackendRequest(backendRequest);
        return spec;
    }

    @Test
    void parsesBothFieldsKeepingTheTextAsWritten() {
        DeclaredTimeouts timeouts = DeclaredTimeouts.of(spec("1m30s", "0s"));
        assertEquals(Duration.ofSeconds(90), timeouts.requestDuration());
        assertEquals("1m30s", timeouts.request().text());
        assertTrue(timeouts.backendRequest().disabled());
    }

    @Test
    void anUnsetFieldIsNullAndNoSpecIsNone() {
        assertNull(DeclaredTimeouts.of(spec("5s", null)).backendRequest());
        assertSame(DeclaredTimeouts.NONE, DeclaredTimeouts.of(null));
    }

    @Test
    void sub_millisecondAndMalformedValuesAreRefusedWithTheValueNamed() {
        for (String hostile : new String[] {"0.5ms", "1.5s", "10 seconds", "", "999999s", "1s1s1s1s1s"}) {
            TimeoutValue value = TimeoutValue.parse(hostile);
            assertFalse(value.valid(), hostile);
            assertNull(value.duration(), hostile);
            assertTrue(value.problem().contains("\"" + hostile + "\""), value.problem());
        }
        assertNull(DeclaredTimeouts.of(spec("10x", null)).requestDuration());
    }
}
