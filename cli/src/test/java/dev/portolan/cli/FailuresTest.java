package dev.portolan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Problem bodies as one line, whatever the server sends. */
class FailuresTest {
    @Test
    void aProblemWithObjectFieldAndReasonReadsInThatOrder() {
        assertEquals("HTTPRoute/default/echo: spec.rules[0].timeouts.request: not a Gateway API duration "
                        + "(422 Unprocessable Entity)",
                Failures.problemLine(422, """
                        {"type":"about:blank","title":"Unprocessable Entity","status":422,
                         "detail":"HTTPRoute default/echo: spec.rules[0].timeouts.request is not a duration",
                         "object":"HTTPRoute/default/echo","field":"spec.rules[0].timeouts.request",
                         "reason":"not a Gateway API duration"}"""));
    }

    @Test
    void aDetailNamingTheObjectIsNotPrefixedWithItAgain() {
        assertEquals("HTTPRoute/default/nope does not exist (404 Not Found)", Failures.problemLine(404,
                "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"HTTPRoute/default/nope does not exist\","
                        + "\"object\":\"HTTPRoute/default/nope\"}"));
    }

    @Test
    void aProblemWithADetailOnlyShowsTheDetail() {
        assertEquals("No proxy config has been published yet (503 Service Unavailable)",
                Failures.problemLine(503, "{\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"No proxy config has been published yet\"}"));
    }

    @Test
    void anythingElseIsItsFirstLineAndTerminalEscapesAreDefused() {
        assertEquals("<html>bad gateway?[2J (502)", Failures.problemLine(502, "<html>bad gateway\u001b[2J\n<body>"));
        assertEquals("Portolan answered with an error and no explanation (500)", Failures.problemLine(500, ""));
        assertEquals(501, Failures.printable("x".repeat(10_000)).length(), "cut at 500 characters and an ellipsis");
    }

    @Test
    void a401SaysHowToPassTheToken() {
        String line = Failures.problemLine(401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"a token\"}");
        assertEquals("a token (401 Unauthorized); pass a token with --token or PORTOLAN_TOKEN (the write token is "
                + "printed in Portolan's log at start)", line);
    }
}
