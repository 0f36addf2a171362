package dev.portolan.api.read;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiKinds;
import dev.portolan.api.problem.ApiException;
import dev.portolan.model.ResourceKey;
import dev.portolan.policy.PolicyCrd;
import io.micronaut.http.HttpStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Lists and descriptions over one snapshot's {@link ReadIndex}; no Micronaut, no recomputation. */
public final class ReadApi {
    /** Kinds of the GEP-713 hierarchy, whose affecting policies the policy engine works out. */
    private static final Set<ApiKinds> AFFECTED_KINDS = EnumSet.of(ApiKinds.GATEWAY_CLASSES, ApiKinds.NAMESPACES,
            ApiKinds.GATEWAYS, ApiKinds.HTTP_ROUTES, ApiKinds.BACKENDS);

    private final ReadIndex index;
    private final Instant now;

    public ReadApi(ReadIndex index, Instant now) {
        this.index = index;
        this.now = now;
    }

    /** {@code <Kind>List} of one served kind. */
    public ObjectNode list(ApiKinds kind, ListQuery query) {
        Relations related = relations(query);
        ListItems items = new ListItems(index, now);
        Predicate<ReadIndex.Entry> keep = entry -> inNamespace(kind, entry.key(), query.namespace())
                && query.selector().matches(entry.labels())
                && (related == null || (kind == ApiKinds.NAMESPACES
                ? related.containsNamespace(entry.key().name()) : related.contains(entry.key())));
        return Listing.page(kind.kind() + "List", index.snapshot().version(), index.entries(kind),
                ReadIndex.Entry::sortKey, keep, entry -> items.item(kind, entry), query);
    }

    public ObjectNode listPolicies(ListQuery query) {
        Predicate<PolicyEntry> related = policiesFor(query);
        ListItems items = new ListItems(index, now);
        Predicate<PolicyEntry> keep = policy -> (query.namespace() == null
                || policy.key().namespace().equals(query.namespace()))
                && query.selector().matches(labels(policy))
                && related.test(policy);
        return Listing.page("PolicyList", index.snapshot().version(), index.policies(), PolicyEntry::sortKey, keep,
                items::policy, query);
    }

    public ObjectNode listPolicyCrds(ListQuery query) {
        Predicate<PolicyEntry> related = policiesFor(query);
        ListItems items = new ListItems(index, now);
        List<PolicyCrd> crds = index.policyCrds().stream().sorted(Comparator.comparing(PolicyCrd::name)).toList();
        Predicate<PolicyCrd> keep = crd -> query.selector().matches(index.entry(PolicyCrds.key(crd))
                .map(ReadIndex.Entry::labels).orElseGet(() -> crdLabels(crd)))
                && (query.related() == null || index.policies().stream()
                .anyMatch(p -> p.groupKind().equals(crd.groupKind()) && related.test(p)));
        return Listing.page("PolicyCrdList", index.snapshot().version(), crds, PolicyCrd::name, keep,
                items::policyCrd, query);
    }

    /** @throws ApiException 404 when absent */
    public ObjectNode describe(ApiKinds kind, String namespace, String name) {
        return new Describer(index).describe(kind, kind.key(namespace, name));
    }

    /**
     * @param groupKind {@code Kind.group}, e.g. {@code TimeoutPolicy.gateway.portolan.dev}
     * @throws ApiException 400 for a kind that is no policy kind, 404 for an absent policy
     */
    public ObjectNode describePolicy(String groupKind, String namespace, String name) {
        boolean known = index.policyCrds().stream().anyMatch(crd -> crd.groupKind().equals(groupKind))
                || groupKind.equals(ApiKinds.BACKEND_TLS_POLICIES.key("x", "x").groupKind());
        if (!known) {
            throw ApiException.badRequest(null, "kind", "\"" + groupKind + "\" is not a policy kind (Kind.group of "
                    + "a CRD labelled gateway.networking.k8s.io/policy, or BackendTLSPolicy.gateway.networking.k8s.io;"
                    + " see /api/v1/policycrds)");
        }
        String namespacedName = namespace == null ? name : namespace + "/" + name;
        PolicyEntry policy = index.policy(groupKind, namespacedName).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, groupKind + "/" + namespacedName, null,
                groupKind + " " + namespacedName + " does not exist"));
        return new Describer(index).describePolicy(policy);
    }

    public ObjectNode describePolicyCrd(String name) {
        PolicyCrd crd = index.policyCrds().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound(ResourceKey.of("apiextensions.k8s.io",
                        "CustomResourceDefinition", "", name)));
        ObjectNode out = new ListItems(index, now).policyCrd(crd);
        index.snapshot().resources().get(PolicyCrds.key(crd)).ifPresent(object -> {
            if (object instanceof dev.portolan.model.GenericObject generic) {
                out.set("object", generic.manifest().deepCopy());
            }
        });
        return out;
    }

    private Relations relations(ListQuery query) {
        if (query.related() == null) {
            return null;
        }
        requireExists(query.related());
        return Relations.of(index, query.related());
    }

    private void requireExists(ResourceKey related) {
        if (!index.exists(related)) {
            throw new ApiException(HttpStatus.NOT_FOUND, related, "for",
                    related + " (named by the for parameter) does not exist");
        }
    }

    /**
     * Policies kept by {@code for}: for an object of the hierarchy (GatewayClass, Namespace, Gateway, HTTPRoute,
     * backend) the policies that affect it, as its describe lists them (directly attached and inherited, and the
     * BackendTLSPolicies on the backends it sends to), from {@link PolicyReach}; for another kind (a
     * BackendTLSPolicy, a ReferenceGrant) the policies of the objects it relates to.
     */
    private Predicate<PolicyEntry> policiesFor(ListQuery query) {
        if (query.related() == null) {
            return policy -> true;
        }
        if (!AFFECTED_KINDS.contains(ApiKinds.of(query.related()).orElseThrow())) {
            return relations(query)::containsPolicy;
        }
        requireExists(query.related());
        Set<ResourceKey> affecting = index.policyReach().affecting(query.related());
        return policy -> affecting.contains(policy.key());
    }

    private static boolean inNamespace(ApiKinds kind, ResourceKey key, String namespace) {
        if (namespace == null) {
            return true;
        }
        return kind.namespaced() ? key.namespace().equals(namespace)
                : kind != ApiKinds.NAMESPACES || key.name().equals(namespace);
    }

    private static Map<String, String> labels(PolicyEntry policy) {
        return policy.stored() == null ? Map.of() : ReadIndex.labelsOf(policy.stored().manifest());
    }

    private Map<String, String> crdLabels(PolicyCrd crd) {
        return index.snapshot().resources().get(PolicyCrds.key(crd))
                .filter(o -> o instanceof dev.portolan.model.GenericObject)
                .map(o -> ReadIndex.labelsOf(((dev.portolan.model.GenericObject) o).manifest())).orElse(Map.of());
    }
}
