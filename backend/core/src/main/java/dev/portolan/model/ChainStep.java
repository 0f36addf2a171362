package dev.portolan.model;

/**
 * One candidate value for an enforced setting, as it appears in the chain that decides it.
 *
 * @param source  {@code rule} (the route rule's own value), {@code default} or {@code override} (a policy section)
 * @param level   where it is attached: the policy level's name, or {@code Rule} for the rule's own value
 * @param object  the object that holds the value (the HTTPRoute, or the policy)
 * @param target  for policies: the object the policy is attached to; null for the rule's own value
 * @param field   the field path inside {@code object}, e.g. {@code spec.override.backendRequest}
 * @param value   the value as written
 * @param winner  whether this value is the one enforced
 * @param reason  why it won or why it lost, in words
 */
public record ChainStep(String source, String level, ResourceKey object, ResourceKey target, String field,
                        String value, boolean winner, String reason) {
    public static final String RULE = "rule";
    public static final String DEFAULT = "default";
    public static final String OVERRIDE = "override";
}
