package dev.portolan.graph;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a TLS Secret holds a usable PEM certificate chain and private key, without any I/O. */
public final class CertificatePem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private CertificatePem() {
    }

    /** Empty when both parse; otherwise what is wrong, e.g. "tls.crt holds no PEM CERTIFICATE block". */
    public static Optional<String> problem(byte[] certificatePem, byte[] keyPem) {
        if (certificatePem == null || certificatePem.length == 0) {
            return Optional.of("tls.crt is missing or empty");
        }
        if (keyPem == null || keyPem.length == 0) {
            return Optional.of("tls.key is missing or empty");
        }
        Optional<String> certProblem = certificateProblem(new String(certificatePem, StandardCharsets.US_ASCII));
        return certProblem.isPresent() ? certProblem : keyProblem(new String(keyPem, StandardCharsets.US_ASCII));
    }

    private static Optional<String> certificateProblem(String pem) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find() || !block.group(1).equals("CERTIFICATE")) {
            return Optional.of("tls.crt holds no PEM CERTIFICATE block");
        }
        try {
            CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(decode(block.group(2))));
            return Optional.empty();
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.of("tls.crt is not a valid X.509 certificate: " + e.getMessage());
        }
    }

    private static Optional<String> keyProblem(String pem) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            return Optional.of("tls.key holds no PEM private key block");
        }
        byte[] der;
        try {
            der = decode(block.group(2));
        } catch (IllegalArgumentException e) {
            return Optional.of("tls.key is not valid base64: " + e.getMessage());
        }
        return switch (block.group(1)) {
            case "PRIVATE KEY" -> pkcs8Problem(der);
            // PKCS#1 and SEC1 keys carry no algorithm header; a DER SEQUENCE is the best check without a parser.
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> der.length > 2 && der[0] == 0x30
                    ? Optional.empty() : Optional.of("tls.key " + block.group(1) + " is not DER encoded");
            default -> Optional.of("tls.key holds a " + block.group(1) + " block, expected a PRIVATE KEY");
        };
    }

    private static Optional<String> pkcs8Problem(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return Optional.empty();
            } catch (Exception e) {
                // try the next algorithm
            }
        }
        return Optional.of("tls.key is not an RSA, EC or Ed25519 PKCS#8 private key");
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
    }
}
