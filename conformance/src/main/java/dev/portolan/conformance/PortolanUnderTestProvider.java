package dev.portolan.conformance;

/**
 * Plugs an implementation into {@link ConformanceMain} ({@code --implementation NAME}); found with
 * {@link java.util.ServiceLoader} (file {@code META-INF/services/dev.portolan.conformance.PortolanUnderTestProvider}).
 */
public interface PortolanUnderTestProvider {
    /** The value of {@code --implementation}. */
    String name();

    /** Starts the implementation for this GatewayClass; the runner closes it at the end. */
    PortolanUnderTest start(GatewayClassUnderTest gatewayClass) throws Exception;
}
