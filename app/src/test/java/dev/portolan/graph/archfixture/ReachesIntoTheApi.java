package dev.portolan.graph.archfixture;

import dev.portolan.api.read.ReadController;

/** ArchitectureTest's fixture: core code that references a face. */
public final class ReachesIntoTheApi {
    ReadController controller;
}
