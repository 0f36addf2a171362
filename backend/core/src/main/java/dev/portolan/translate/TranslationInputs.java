package dev.portolan.translate;

import dev.portolan.graph.ResourceGraph;
import dev.portolan.graph.backendtls.BackendTlsResult;
import dev.portolan.policy.PolicyReport;

/**
 * What translation reads of the computed state: the graph, backend TLS and effective policies. The pipeline's
 * {@code ComputedState} carries them (with the translation it then adds), so translate needs no type of the pipeline.
 */
public interface TranslationInputs {
    ResourceGraph graph();

    BackendTlsResult backendTls();

    PolicyReport policies();
}
