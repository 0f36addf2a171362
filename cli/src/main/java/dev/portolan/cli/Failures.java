package dev.portolan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.client.invoker.ApiException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the generated client throws into one line for a person: an RFC 9457 problem as "object: field:
 * reason (status)", a failed connection as where it tried and what to change. Pure.
 */
final class Failures {
    private static final int MAX_LINE = 500;

    private Failures() {
    }

    static CliFailure of(ApiException e, String server) {
        if (e.getCode() == 0) {
            return unreachable(e, server);
        }
        return new CliFailure(Exit.API_ERROR, problemLine(e.getCode(), e.getResponseBody()));
    }

    private static CliFailure unreachable(ApiException e, String server) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String why;
        if (has(cause, HttpConnectTimeoutException.class)) {
            why = "connection timed out";
        } else if (has(cause, HttpTimeoutException.class)) {
            why = "no answer within 60 s";
        } else if (has(cause, UnresolvedAddressException.class) || has(cause, UnknownHostException.class)) {
            why = "unknown host";
        } else if (has(cause, ConnectException.class)) {
            why = "connection refused";
        } else if (cause instanceof IOException io) {
            why = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
        } else {
            why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
        return new CliFailure(Exit.UNREACHABLE, "cannot reach Portolan at " + server + ": " + printable(why)
                + " (start it with ./portolan demo, or name another with --server or " + Connection.SERVER_VARIABLE + ")");
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** "HTTPRoute/default/x: spec.rules[0]: reason (422 Unprocessable Entity)", from a problem+json body or not. */
    static String problemLine(int status, String body) {
        JsonNode problem = parse(body);
        List<String> parts = new ArrayList<>();
        String title = "";
        if (problem != null && problem.isObject()) {
            title = Json.text(problem, "title");
            String object = Json.text(problem, "object");
            String field = Json.text(problem, "field");
            String reason = Json.text(problem, "reason");
            String detail = Json.text(problem, "detail");
            // the reason alone reads best after object and field; a detail often names them itself
            String why = !reason.isEmpty() && (!object.isEmpty() || !field.isEmpty()) ? reason
                    : !detail.isEmpty() ? detail : reason;
            if (!object.isEmpty() && !(why.equals(detail) && detail.contains(object))) {
                parts.add(object);
            }
            if (!field.isEmpty() && !(why.equals(detail) && detail.contains(field))) {
                parts.add(field);
            }
            if (!why.isEmpty()) {
                parts.add(why);
            }
        } else if (body != null && !body.isBlank()) {
            parts.add(body.strip().lines().findFirst().orElse(""));
        }
        if (parts.isEmpty()) {
            parts.add("Portolan answered with an error and no explanation");
        }
        String line = String.join(": ", parts) + " (" + status + (title.isEmpty() ? "" : " " + title) + ")";
        if (status == 401) {
            line += "; pass a token with --token or " + Connection.TOKEN_VARIABLE
                    + " (the write token is printed in Portolan's log at start)";
        }
        return printable(line);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Control characters (terminal escapes from a hostile answer) become '?'; long text is cut. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LINE + 1));
        for (int i = 0; i < text.length() && out.length() < MAX_LINE; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        if (text.length() > MAX_LINE) {
            out.append('…');
        }
        return out.toString();
    }
}
