package dev.portolan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.ResourceSet;
import dev.portolan.testing.RepositoryFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test resource sets from inline YAML and the TimeoutPolicy CRD in deploy/crds. */
final class PolicyFixtures {
    static final Path TIMEOUT_CRD = RepositoryFolders.root().resolve("deploy/crds/timeoutpolicies.gateway.portolan.dev.yaml");

    private PolicyFixtures() {
    }

    static ResourceSet withTimeoutCrd(String documents) {
        List<JsonNode> manifests = new ArrayList<>(GwctlVectors.yamlDocuments(TIMEOUT_CRD));
        manifests.addAll(GwctlVectors.yamlDocuments(documents));
        return ResourceSet.of(manifests);
    }
}
