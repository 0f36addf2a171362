package dev.portolan.graph.backendtls;

/**
 * One accepted subject alternative name of the backend certificate.
 *
 * @param type  {@code Hostname} or {@code URI}
 * @param value the hostname (may be a wildcard) or the URI
 */
public record SubjectAltNameMatch(String type, String value) {
    public static final String HOSTNAME = "Hostname";
    public static final String URI = "URI";
}
