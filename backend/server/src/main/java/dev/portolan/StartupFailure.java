package dev.portolan;

import java.net.BindException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line a person gets when Portolan cannot start because its HTTP port is taken, instead of Micronaut's
 * stack trace: the port, and the setting that moves it.
 */
final class StartupFailure {
    private static final Pattern HOST_PORT = Pattern.compile(" on \\S+:(\\d{1,5})\\b");

    private StartupFailure() {
    }

    /**
     * @param configured the configured {@code micronaut.server.port} (null when unknown); the address in the
     *                   exception's message wins when there is one
     * @return the message when {@code failure} was caused by a port already in use, else empty
     */
    static Optional<String> portTaken(Throwable failure, Integer configured) {
        Integer port = configured;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher named = HOST_PORT.matcher(String.valueOf(cause.getMessage()));
            if (named.find()) {
                // Micronaut names the address it tried ("Unable to start Micronaut server on 127.0.0.1:8080")
                port = Integer.valueOf(named.group(1));
            }
            if (cause instanceof BindException) {
                String which = port == null ? "The HTTP port" : "Port " + port;
                return Optional.of("portolan: " + which + " is already in use (setting micronaut.server.port); start"
                        + " with another one, e.g. -Dmicronaut.server.port=" + suggestion(port)
                        + " (./portolan demo -Dmicronaut.server.port=" + suggestion(port) + ")");
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    private static int suggestion(Integer port) {
        return port == null || port <= 0 || port >= 65535 ? 8081 : port + 1;
    }
}
