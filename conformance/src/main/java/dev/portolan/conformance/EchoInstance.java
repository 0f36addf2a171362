package dev.portolan.conformance;

import dev.portolan.echo.EchoServer;
import java.util.Map;
import java.util.OptionalInt;

/** One local echo process standing in for a pod of a base Deployment. */
public record EchoInstance(String namespace, String deployment, Map<String, String> podLabels, EchoServer server) {
    public static final int HTTP_CONTAINER_PORT = 3000;
    public static final int H2C_CONTAINER_PORT = 3001;
    public static final int HTTPS_CONTAINER_PORT = 8443;

    public String podName() {
        return server.options().podName();
    }

    /** The local port serving a container port of the echo contract (3000, 3001, 8443), if this instance has it. */
    public OptionalInt localPort(int containerPort) {
        return switch (containerPort) {
            case HTTP_CONTAINER_PORT -> OptionalInt.of(server.httpPort());
            case H2C_CONTAINER_PORT -> server.h2cPort();
            case HTTPS_CONTAINER_PORT -> server.httpsPort();
            default -> OptionalInt.empty();
        };
    }

    /** Whether the pod labels satisfy a Service selector (an empty selector selects nothing, as for Endpoints). */
    public boolean selectedBy(Map<String, String> selector) {
        return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
    }
}
