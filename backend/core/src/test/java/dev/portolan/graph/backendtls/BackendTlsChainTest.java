package dev.portolan.graph.backendtls;

import static dev.portolan.graph.backendtls.BackendTlsResolverTest.CA;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.CA_REF;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.GW;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.SERVICE;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.referenced;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.service;
import static dev.portolan.graph.backendtls.BackendTlsResolverTest.v1Policy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portolan.model.ChainStep;
import dev.portolan.model.ResourceSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The BackendTLSPolicies claiming one backend port, in the resolver's order, its winner marked with the reason. */
class BackendTlsChainTest {
    private static String chain(ResourceSet set, int port) {
        BackendTlsResult result = BackendTlsResolverTest.resolve(set, referenced(service("apps", "web"), GW));
        List<ChainStep> steps = BackendTlsChain.forBackend(set, result, service("apps", "web"), port);
        return steps.stream().map(s -> (s.winner() ? "+ " : "- ") + s.object().name() + " " + s.level() + ": "
                + s.reason()).collect(Collectors.joining("\n"));
    }

    @Test
    void aPolicyNamingThePortBeatsOlderOnesForTheWholeService() {
        ResourceSet set = TestManifests.set(SERVICE, TestManifests.caConfigMap("apps", "web-ca", CA),
                v1Policy("whole-old", "2025-01-01T00:00:00Z", null, CA_REF),
                v1Policy("port", "2025-06-01T00:00:00Z", "https", CA_REF));
        assertEquals("""
                + port Service port https: names this port: a policy for the port beats policies for the whole Service
                - whole-old Service: BackendTLSPolicy apps/port names this port and wins over policies for the\
                 whole Service""", chain(set, 443));
        assertEquals("+ whole-old Service: applies to the whole Service and no policy names this port",
                chain(set, 9090), "the metrics port is claimed by the whole-Service policy only");
    }

    @Test
    void ofTwoPoliciesForTheSameTargetTheOlderWins() {
        ResourceSet set = TestManifests.set(SERVICE, TestManifests.caConfigMap("apps", "web-ca", CA),
                v1Policy("newer", "2025-06-01T00:00:00Z", null, CA_REF),
                v1Policy("older", "2025-01-01T00:00:00Z", null, CA_REF));
        assertEquals("""
                + older Service: applies to the whole Service and no policy names this port; of the policies on the\
                 same target it takes precedence (older, or same age and first by namespace/name)
                - newer Service: conflicts with BackendTLSPolicy apps/older, which takes precedence (older, or same\
                 age and first by namespace/name)""", chain(set, 443));
    }

    @Test
    void noPolicyNoChain() {
        assertEquals("", chain(TestManifests.set(SERVICE), 443));
    }
}
