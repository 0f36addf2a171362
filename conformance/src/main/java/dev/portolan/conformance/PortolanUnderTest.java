package dev.portolan.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ResourceKey;
import java.net.InetSocketAddress;
import java.util.Optional;

/** What the conformance runner needs from a Portolan implementation (status only, embedded, remote...). */
public interface PortolanUnderTest extends AutoCloseable {
    /** Creates or replaces the object (kubectl apply semantics: generation grows on spec changes). */
    void apply(ObjectNode manifest);

    void delete(ResourceKey key);

    /** The object with metadata (generation, creationTimestamp) and its current status, if it exists. */
    Optional<ObjectNode> object(ResourceKey key);

    /** Where to connect for the listener of {@code gateway} declared with {@code specPort}. */
    InetSocketAddress listenerAddress(ResourceKey gateway, int specPort);

    /** A reason to skip the whole case without running it (feature not supported), or empty. */
    default Optional<String> unsupportedCase(ConformanceCase conformanceCase) {
        return Optional.empty();
    }

    /** A reason to skip one step (e.g. no data plane), or empty to run it. */
    default Optional<String> unsupportedStep(JsonNode step) {
        return Optional.empty();
    }

    @Override
    void close();
}
