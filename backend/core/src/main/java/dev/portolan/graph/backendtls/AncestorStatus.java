package dev.portolan.graph.backendtls;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ApiGroups;
import dev.portolan.model.Manifests;
import dev.portolan.model.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * One {@code status.ancestors[]} entry: the policy as seen from one Gateway, judged on the targets that Gateway's
 * routes reach. Accepted reasons, first match wins: Invalid, TargetNotFound, Conflicted, NoValidCACertificate.
 */
final class AncestorStatus {
    private AncestorStatus() {
    }

    static ObjectNode of(PolicyFacts facts, ResourceKey gateway, SortedSet<PolicyTarget> targets,
                         Map<PolicyTarget, List<PolicyPrecedence.Claimant>> ranked, String controllerName,
                         Instant now) {
        ObjectNode entry = Manifests.JSON.createObjectNode();
        ObjectNode ref = entry.putObject("ancestorRef");
        ref.put("group", ApiGroups.GATEWAY);
        ref.put("kind", ApiGroups.GATEWAY_KIND);
        ref.put("namespace", gateway.namespace());
        ref.put("name", gateway.name());
        entry.put("controllerName", controllerName);
        ArrayNode conditions = entry.putArray("conditions");
        conditions.add(accepted(facts, targets, ranked, now));
        conditions.add(resolvedRefs(facts, now));
        return entry;
    }

    private static ObjectNode accepted(PolicyFacts facts, SortedSet<PolicyTarget> targets,
                                       Map<PolicyTarget, List<PolicyPrecedence.Claimant>> ranked, Instant now) {
        PolicyValidation.Outcome validation = facts.validation();
        if (!validation.wellFormed()) {
            return acceptedCondition(facts, false, BackendTlsReasons.INVALID, validation.invalid(), now);
        }
        List<PolicyTarget> found = targets.stream().filter(facts.targets()::found).toList();
        if (found.isEmpty()) {
            String why = targets.stream().map(t -> facts.targets().targets().get(t))
                    .collect(Collectors.joining("; "));
            return acceptedCondition(facts, false, BackendTlsReasons.TARGET_NOT_FOUND, why, now);
        }
        List<String> lost = new ArrayList<>();
        for (PolicyTarget target : found) {
            PolicyPrecedence.Claimant winner = ranked.get(target).get(0);
            if (!winner.policy().equals(facts.key())) {
                lost.add(target + " is also targeted by BackendTLSPolicy " + winner.policy().namespacedName()
                        + ", which takes precedence (older, or same age and first by namespace/name)");
            }
        }
        if (lost.size() == found.size()) {
            return acceptedCondition(facts, false, BackendTlsReasons.CONFLICTED, String.join("; ", lost), now);
        }
        if (validation.noValidCaCertificate()) {
            return acceptedCondition(facts, false, BackendTlsReasons.NO_VALID_CA_CERTIFICATE,
                    "no usable CA certificate: " + refProblemText(validation), now);
        }
        List<String> notes = new ArrayList<>(lost);
        notes.addAll(facts.targets().unsupported());
        String message = "Policy accepted" + (notes.isEmpty() ? "" : "; ignored: " + String.join("; ", notes));
        return acceptedCondition(facts, true, BackendTlsReasons.ACCEPTED, message, now);
    }

    private static ObjectNode resolvedRefs(PolicyFacts facts, Instant now) {
        List<PolicyValidation.RefProblem> problems = facts.validation().refProblems();
        if (problems.isEmpty()) {
            return PolicyConditions.condition(BackendTlsReasons.RESOLVED_REFS, true, BackendTlsReasons.RESOLVED_REFS,
                    "All references resolved", facts.generation(), now);
        }
        boolean anyInvalidKind = problems.stream()
                .anyMatch(p -> p.reason().equals(BackendTlsReasons.INVALID_KIND));
        String reason = anyInvalidKind ? BackendTlsReasons.INVALID_KIND : BackendTlsReasons.INVALID_CA_CERTIFICATE_REF;
        return PolicyConditions.condition(BackendTlsReasons.RESOLVED_REFS, false, reason,
                refProblemText(facts.validation()), facts.generation(), now);
    }

    static String refProblemText(PolicyValidation.Outcome validation) {
        return validation.refProblems().stream().map(PolicyValidation.RefProblem::message)
                .collect(Collectors.joining("; "));
    }

    private static ObjectNode acceptedCondition(PolicyFacts facts, boolean status, String reason, String message,
                                                Instant now) {
        return PolicyConditions.condition(BackendTlsReasons.ACCEPTED, status, reason, message, facts.generation(),
                now);
    }
}
