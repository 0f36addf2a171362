package dev.portolan.echo;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;

/** The echo JSON's "tls" object: version, client certificates, SNI, ALPN protocol, cipher suite. */
final class TlsDetails {

    private TlsDetails() {
    }

    /** @return the "tls" object, or {@code null} on a plain connection (the field is then omitted) */
    static Map<String, Object> of(Request request) {
        if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData data)) {
            return null;
        }
        SSLSession session = data.sslSession();
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("version", session.getProtocol());
        List<String> peers = peerCertificates(data.peerCertificates());
        if (!peers.isEmpty()) {
            tls.put("peerCertificates", peers);
        }
        String serverName = serverName(session);
        if (serverName != null) {
            tls.put("serverName", serverName);
        }
        String alpn = negotiatedProtocol(request);
        if (alpn != null && !alpn.isEmpty()) {
            tls.put("negotiatedProtocol", alpn);
        }
        tls.put("cipherSuite", data.cipherSuite());
        return tls;
    }

    private static String serverName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return null;
    }

    private static String negotiatedProtocol(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SslConnection.SslEndPoint ssl) {
            return ssl.getSslConnection().getSSLEngine().getApplicationProtocol();
        }
        return null;
    }

    private static List<String> peerCertificates(X509Certificate[] certificates) {
        List<String> out = new ArrayList<>();
        if (certificates == null) {
            return out;
        }
        Base64.Encoder encoder = Base64.getMimeEncoder(64, new byte[]{'\n'});
        for (X509Certificate certificate : certificates) {
            try {
                out.add("-----BEGIN CERTIFICATE-----\n" + encoder.encodeToString(certificate.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("client certificate " + certificate.getSubjectX500Principal()
                        + " cannot be encoded: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
