package dev.portolan.proxy.forward;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Verifies a backend certificate's subjectAltNames against what a BackendTLSPolicy asks for: the given
 * subjectAltNames (URIs exactly, hostnames with single-label "*." wildcards in the certificate), else the SNI host.
 */
final class ServerNameCheck {

    private static final int DNS = 2;
    private static final int URI = 6;

    private final List<String> expected;

    /** @param subjectAltNames from the policy; empty means "verify against sni" */
    ServerNameCheck(String sni, List<String> subjectAltNames) {
        this.expected = subjectAltNames.isEmpty() ? List.of(sni) : List.copyOf(subjectAltNames);
    }

    boolean accepts(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) {
            return false;
        }
        for (String wanted : expected) {
            boolean isUri = wanted.contains("://") || wanted.startsWith("spiffe:");
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                String value = String.valueOf(name.get(1));
                if (isUri && type == URI && value.equals(wanted)) {
                    return true;
                }
                if (!isUri && type == DNS && hostMatches(value, wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hostMatches(String certificateName, String host) {
        String pattern = certificateName.toLowerCase(Locale.ROOT);
        String name = host.toLowerCase(Locale.ROOT);
        if (pattern.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(name);
    }
}
