package dev.portolan.policy;

import dev.portolan.model.ResourceKey;
import java.util.List;

/**
 * A policy as listed by {@code gwctl get policies}.
 *
 * @param policy      identity
 * @param groupKind   {@code Kind.group}
 * @param inheritable whether its kind is inheritable
 * @param targets     its targets, in the order written, each with whether the object exists
 */
public record PolicyInfo(ResourceKey policy, String groupKind, boolean inheritable, List<TargetStatus> targets) {
    public PolicyInfo {
        targets = List.copyOf(targets);
    }
}
