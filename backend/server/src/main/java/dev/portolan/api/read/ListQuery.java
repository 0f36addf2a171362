package dev.portolan.api.read;

import dev.portolan.api.ApiKinds;
import dev.portolan.api.problem.ApiException;
import dev.portolan.model.ResourceKey;

/**
 * The parameters every list takes, validated.
 *
 * @param namespace one namespace, or null for all
 * @param selector  label selector (everything when absent)
 * @param related   gwctl's {@code --for} object, or null
 * @param limit     page size, 1..1000
 * @param after     where the previous page ended, or null for the first page
 */
public record ListQuery(String namespace, LabelSelector selector, ResourceKey related, int limit,
                        ContinueToken after) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** @throws ApiException 400 naming the parameter that is malformed */
    public static ListQuery parse(String namespace, String labelSelector, String forObject, Integer limit,
                                  String continueToken) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiException.badRequest(null, "limit", "limit " + size + " is out of range: 1 to " + MAX_LIMIT);
        }
        return new ListQuery(namespace == null || namespace.isBlank() ? null : namespace,
                LabelSelector.parse(labelSelector),
                forObject == null || forObject.isBlank() ? null : ApiKinds.parseReference("for", forObject),
                size,
                continueToken == null || continueToken.isBlank() ? null : ContinueToken.decode(continueToken));
    }

    public static ListQuery all() {
        return new ListQuery(null, LabelSelector.everything(), null, DEFAULT_LIMIT, null);
    }
}
