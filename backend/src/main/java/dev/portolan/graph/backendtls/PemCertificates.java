package dev.portolan.graph.backendtls;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the X.509 certificates of a PEM text, in memory. Strict on purpose: a bundle with one damaged block is
 * refused whole, because the data plane would otherwise trust a different set than the user wrote.
 */
final class PemCertificates {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    /** The certificates found, with the PEM text of each; or the reason there are none usable. */
    record Parsed(List<X509Certificate> certificates, String pem, String problem) {
        boolean ok() {
            return problem.isEmpty();
        }
    }

    private PemCertificates() {
    }

    static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return failure("is empty");
        }
        Matcher m = BLOCK.matcher(text);
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        CertificateFactory factory = x509Factory();
        int index = 0;
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                return failure("certificate " + index + " is not valid base64");
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | ClassCastException e) {
                return failure("certificate " + index + " is not a valid X.509 certificate");
            }
            blocks.add(m.group().strip());
            index++;
        }
        if (certificates.isEmpty()) {
            return failure("holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        return new Parsed(List.copyOf(certificates), String.join("\n", blocks) + "\n", "");
    }

    private static Parsed failure(String problem) {
        return new Parsed(List.of(), "", problem);
    }

    private static CertificateFactory x509Factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }
}
