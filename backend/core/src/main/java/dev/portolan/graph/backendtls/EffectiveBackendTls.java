package dev.portolan.graph.backendtls;

import dev.portolan.model.ResourceKey;
import java.util.List;

/**
 * How the data plane must connect to one Service port: the BackendTLSPolicy that won for it and what it says.
 * When {@code valid} is false the policy cannot be honoured and every request to the backend must fail with 5xx;
 * falling back to plain HTTP or to unverified TLS is never allowed.
 *
 * @param policy          the winning BackendTLSPolicy
 * @param hostname        SNI to send, and the name to verify when {@code subjectAltNames} is empty
 * @param caCertificates  trusted CAs from ConfigMaps (only the refs that resolved)
 * @param useSystemCAs    whether the platform's trust store is to be used ({@code wellKnownCACertificates: System})
 * @param subjectAltNames when not empty, the certificate must carry one of these instead of {@code hostname}
 * @param valid           whether the policy can be honoured
 * @param problem         why not (empty when valid), naming the policy and the field
 */
public record EffectiveBackendTls(
        ResourceKey policy,
        String hostname,
        List<CaCertificateBundle> caCertificates,
        boolean useSystemCAs,
        List<SubjectAltNameMatch> subjectAltNames,
        boolean valid,
        String problem) {

    public EffectiveBackendTls {
        hostname = hostname == null ? "" : hostname;
        caCertificates = List.copyOf(caCertificates);
        subjectAltNames = List.copyOf(subjectAltNames);
        problem = problem == null ? "" : problem;
    }
}
