package dev.portolan.proxy.config;

import java.util.List;

/**
 * TLS towards a backend (from BackendTLSPolicy).
 *
 * @param sni server name to send and to verify against unless subjectAltNames is non-empty
 * @param caPems trusted CA certificates in PEM
 * @param useSystemCAs trust the JVM's default CAs as well
 * @param problem non-null when the policy cannot be honoured: the proxy answers 5xx, never plaintext
 */
public record UpstreamTls(
        String sni, List<String> caPems, boolean useSystemCAs, List<String> subjectAltNames, String problem) {
    public UpstreamTls {
        Checks.requiredText(sni, "UpstreamTls", "sni");
        caPems = Checks.list(caPems, "UpstreamTls " + sni, "caPems");
        subjectAltNames = Checks.list(subjectAltNames, "UpstreamTls " + sni, "subjectAltNames");
        if (problem == null && caPems.isEmpty() && !useSystemCAs) {
            throw new IllegalArgumentException("UpstreamTls " + sni
                    + " trusts nothing: set caPems or useSystemCAs, or set problem");
        }
    }
}
