package dev.portolan.policy;

/** A policy target and whether the targeted object is present. */
public record TargetStatus(PolicyTarget target, boolean exists) {
}
