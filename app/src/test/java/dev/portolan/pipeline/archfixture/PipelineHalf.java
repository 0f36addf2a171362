package dev.portolan.pipeline.archfixture;

import dev.portolan.translate.archfixture.TranslateHalf;

/** ArchitectureTest's fixture: one half of a cycle between two top-level packages. */
public final class PipelineHalf {
    TranslateHalf other;
}
