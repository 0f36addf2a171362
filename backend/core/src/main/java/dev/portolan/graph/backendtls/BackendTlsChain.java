package dev.portolan.graph.backendtls;

import dev.portolan.model.ChainStep;
import dev.portolan.model.ResourceKey;
import dev.portolan.model.ResourceSet;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every BackendTLSPolicy that claims one Service port (naming the port, or the whole Service), the one
 * {@link BackendTlsResult#forBackend} chose marked winner, each with the reason. Explains the resolver's decision and
 * never makes a second one. Pure.
 */
public final class BackendTlsChain {
    public static final String PORT = "port";
    public static final String SERVICE = "service";

    private BackendTlsChain() {
    }

    public static List<ChainStep> forBackend(ResourceSet resources, BackendTlsResult result, ResourceKey service,
                                             int port) {
        String portName = resources.get(service, Service.class).map(s -> nameOf(s, port)).orElse("");
        Optional<EffectiveBackendTls> chosen = result.forBackend(service, port, portName);
        List<Claim> claims = new ArrayList<>();
        for (BackendTLSPolicy policy : resources.backendTlsPolicies()) {
            ResourceKey key = BackendTlsResolver.keyOf(policy);
            for (PolicyTarget target : PolicyTargets.of(policy, resources).targets().keySet()) {
                if (target.service().equals(service)
                        && (target.wholeService() || target.sectionName().equals(portName))) {
                    claims.add(new Claim(key, target, PolicyPrecedence.Claimant.of(key, policy)));
                }
            }
        }
        // the resolver's order: a port's own policies first, then by precedence
        claims.sort((a, b) -> a.target().wholeService() != b.target().wholeService()
                ? (a.target().wholeService() ? 1 : -1)
                : PolicyPrecedence.ORDER.compare(a.claimant(), b.claimant()));
        Claim won = chosen.flatMap(c -> claims.stream().filter(claim -> claim.policy().equals(c.policy()))
                .findFirst()).orElse(null);
        List<ChainStep> steps = new ArrayList<>();
        for (Claim claim : claims) {
            boolean winner = claim == won;
            steps.add(new ChainStep(claim.target().wholeService() ? SERVICE : PORT,
                    claim.target().wholeService() ? "Service" : "Service port " + claim.target().sectionName(),
                    claim.policy(), service, "spec.targetRefs", claim.target().sectionName(), winner,
                    winner ? whyWon(claim, claims) : whyLost(claim, won)));
        }
        return steps;
    }

    private record Claim(ResourceKey policy, PolicyTarget target, PolicyPrecedence.Claimant claimant) {
    }

    private static String whyWon(Claim claim, List<Claim> claims) {
        boolean sameTarget = claims.stream().anyMatch(c -> c != claim && c.target().equals(claim.target()));
        String base = claim.target().wholeService()
                ? "applies to the whole Service and no policy names this port"
                : "names this port: a policy for the port beats policies for the whole Service";
        return base + (sameTarget ? "; of the policies on the same target it takes precedence (older, or same age"
                + " and first by namespace/name)" : "");
    }

    private static String whyLost(Claim claim, Claim won) {
        if (won == null) {
            return "not applied";
        }
        String winner = "BackendTLSPolicy " + won.policy().namespacedName();
        if (!won.target().equals(claim.target())) {
            return winner + " names this port and wins over policies for the whole Service";
        }
        return "conflicts with " + winner + ", which takes precedence (older, or same age and first by"
                + " namespace/name)";
    }

    private static String nameOf(Service service, int port) {
        if (service.getSpec() == null || service.getSpec().getPorts() == null) {
            return "";
        }
        for (ServicePort p : service.getSpec().getPorts()) {
            if (p.getPort() != null && p.getPort() == port) {
                return Objects.requireNonNullElse(p.getName(), "");
            }
        }
        return "";
    }
}
