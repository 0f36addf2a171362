package dev.portolan.proxy.sync;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to the control plane trusting only the CA in one PEM file ({@code --ca-file}), not the JVM's trust store: in
 * Kubernetes mode the control plane's certificate is issued by its own CA, and no public CA should be able to
 * stand in for it. Host names are still checked (the JDK HTTP client verifies the URL's host against the
 * certificate).
 */
public final class TrustedCa {
    private TrustedCa() {
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static SSLContext sslContext(Path caFile) {
        byte[] pem;
        try {
            pem = Files.readAllBytes(caFile);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--ca-file " + caFile + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--ca-file " + caFile + " cannot be read: " + e.getMessage(), e);
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("--ca-file " + caFile + " holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("--ca-file " + caFile + " holds no usable PEM certificate: "
                    + e.getMessage(), e);
        }
    }
}
