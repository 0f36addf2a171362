package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.UpstreamTls;
import dev.portolan.pem.TlsPem;
import dev.portolan.pem.TlsPemException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds the TLS client side for one BackendTLSPolicy: trusts exactly the policy's CAs (plus the JVM's when
 * useSystemCAs), sends SNI = sni and checks the certificate names itself (the connection goes to an endpoint IP,
 * so the JDK's endpoint identification would check the wrong name).
 */
final class UpstreamTlsContexts {

    private UpstreamTlsContexts() {
    }

    /** @throws IllegalArgumentException naming the policy and what is wrong when it cannot be honoured */
    static SslContextFactory.Client create(UpstreamTls tls) {
        if (tls.problem() != null) {
            throw new IllegalArgumentException("upstream TLS for " + tls.sni() + ": " + tls.problem());
        }
        SslContextFactory.Client ssl = new SslContextFactory.Client(false);
        ssl.setTrustStore(trustStore(tls));
        ssl.setEndpointIdentificationAlgorithm(null);
        SNIHostName serverName;
        try {
            serverName = new SNIHostName(tls.sni());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upstream TLS: sni '" + tls.sni() + "' is not a host name: "
                    + e.getMessage(), e);
        }
        ssl.setSNIProvider((engine, names) -> List.of(serverName));
        ServerNameCheck names = new ServerNameCheck(tls.sni(), tls.subjectAltNames());
        ssl.setHostnameVerifier((host, session) -> {
            try {
                Certificate[] chain = session.getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate leaf && names.accepts(leaf);
            } catch (SSLPeerUnverifiedException e) {
                return false;
            }
        });
        return ssl;
    }

    private static KeyStore trustStore(UpstreamTls tls) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (String pem : tls.caPems()) {
                List<X509Certificate> certificates;
                try {
                    certificates = TlsPem.caBundle(pem).certificates();
                } catch (TlsPemException e) {
                    throw new IllegalArgumentException("upstream TLS for " + tls.sni() + ": caPems[" + index
                            + "] " + e.getMessage(), e);
                }
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("ca-" + index + "-" + store.size(), certificate);
                }
                index++;
            }
            if (tls.useSystemCAs()) {
                for (X509Certificate system : systemCas()) {
                    store.setCertificateEntry("system-" + store.size(), system);
                }
            }
            if (store.size() == 0) {
                throw new IllegalArgumentException("upstream TLS for " + tls.sni() + ": no trusted certificate");
            }
            return store;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("upstream TLS for " + tls.sni() + ": caPems cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static X509Certificate[] systemCas() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
