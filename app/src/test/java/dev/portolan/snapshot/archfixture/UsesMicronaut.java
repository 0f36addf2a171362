package dev.portolan.snapshot.archfixture;

import io.micronaut.context.annotation.Factory;

/** ArchitectureTest's fixture: control-plane code that depends on Micronaut. */
@Factory
public final class UsesMicronaut {
}
