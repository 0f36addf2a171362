package dev.portolan;

import io.micronaut.runtime.Micronaut;

/** Starts the Portolan control plane (embedded mode by default). */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).start();
    }
}
