package dev.portolan.translate.archfixture;

import dev.portolan.pipeline.archfixture.PipelineHalf;

/** ArchitectureTest's fixture: the other half of the cycle. */
public final class TranslateHalf {
    PipelineHalf other;
}
