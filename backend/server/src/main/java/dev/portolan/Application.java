package dev.portolan;

import io.micronaut.runtime.Micronaut;
import java.util.Arrays;

/** Starts the Portolan control plane (embedded mode by default). */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(withShortFlags(args)).mainClass(Application.class).start();
    }

    /** {@code --manifests=DIR} is the documented short form of {@code --portolan.manifests=DIR}. */
    static String[] withShortFlags(String[] args) {
        return Arrays.stream(args)
                .map(arg -> arg.startsWith("--manifests=") ? "--portolan." + arg.substring(2) : arg)
                .toArray(String[]::new);
    }
}
