package dev.portolan.conformance;

/** How many requests with exactly this URI the instances of a backend Deployment recorded (the mirror check). */
@FunctionalInterface
public interface MirrorRecordings {
    long count(String namespace, String deployment, String pathAndQuery);

    static MirrorRecordings of(EchoFleet fleet) {
        return (namespace, deployment, pathAndQuery) -> fleet.of(namespace, deployment).stream()
                .mapToLong(instance -> instance.server().recordedCount(pathAndQuery)).sum();
    }
}
