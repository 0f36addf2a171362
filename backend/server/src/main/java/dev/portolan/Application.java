package dev.portolan;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.util.Arrays;

/** Starts the Portolan control plane (embedded mode by default). */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        new PortolanMicronaut().args(withShortFlags(args)).mainClass(Application.class).start();
    }

    /** {@code --manifests=DIR} is the documented short form of {@code --portolan.manifests=DIR}. */
    static String[] withShortFlags(String[] args) {
        return Arrays.stream(args)
                .map(arg -> arg.startsWith("--manifests=") ? "--portolan." + arg.substring(2) : arg)
                .toArray(String[]::new);
    }

    /** Micronaut's launcher, with a one-line answer (no stack trace) when the HTTP port is taken. */
    private static final class PortolanMicronaut extends Micronaut {
        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            // the message Micronaut throws names the address; this is the fallback (the environment may be stopped)
            Integer port = environment == null ? null
                    : environment.getProperty("micronaut.server.port", Integer.class).orElse(null);
            var message = StartupFailure.portTaken(exception, port);
            if (message.isEmpty()) {
                super.handleStartupException(environment, exception);
                return;
            }
            System.err.println(message.get());
            System.exit(1);
        }
    }
}
