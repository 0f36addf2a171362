package dev.portolan.proxy.sync;

import dev.portolan.pem.TlsPem;
import dev.portolan.pem.TlsPemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to the control plane trusting only the CA in one PEM file ({@code --ca-file}, read by {@link TlsPem}), not the
 * JVM's trust store: in
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
        List<X509Certificate> certificates;
        try {
            certificates = TlsPem.caBundle(new String(pem, StandardCharsets.US_ASCII)).certificates();
        } catch (TlsPemException e) {
            throw new IllegalArgumentException("--ca-file " + caFile + " " + e.getMessage(), e);
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, certificates.get(i));
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
