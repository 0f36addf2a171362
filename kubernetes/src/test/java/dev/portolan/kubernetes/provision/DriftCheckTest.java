package dev.portolan.kubernetes.provision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftCheckTest {
    private final HasMetadata desired = ProvisionPlan.desired(
            ProvisionPlanTest.gateway("gw", Map.of("team", "blue"), Map.of(), 80), "uid-1",
            ProvisionSettings.defaults("http://cp:8080")).get(1);

    @Test
    void serverDefaultsAreNotDrift() {
        Deployment actual = new DeploymentBuilder((Deployment) desired)
                .editMetadata().withResourceVersion("7").addToAnnotations("deployment.kubernetes.io/revision", "1")
                .endMetadata()
                .editSpec().withReplicas(3).editTemplate().editSpec().withRestartPolicy("Always")
                .editFirstContainer().withImagePullPolicy("IfNotPresent").endContainer()
                .endSpec().endTemplate().endSpec()
                .build();
        assertTrue(DriftCheck.upToDate(desired, actual));
    }

    @Test
    void aChangedOwnedFieldIsDrift() {
        Deployment actual = new DeploymentBuilder((Deployment) desired)
                .editSpec().editTemplate().editSpec().editFirstContainer().withImage("other:1").endContainer()
                .endSpec().endTemplate().endSpec()
                .build();
        assertFalse(DriftCheck.upToDate(desired, actual));
    }

    @Test
    void aMissingObjectIsDrift() {
        assertFalse(DriftCheck.upToDate(desired, null));
    }
}
