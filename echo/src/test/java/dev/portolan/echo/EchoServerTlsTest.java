package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.TestPki;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EchoServerTlsTest {

    private static IssuedCertificate server;
    private static IssuedCertificate client;
    private static EchoServer echo;

    @BeforeAll
    static void start() throws Exception {
        server = TestPki.selfSigned().sans("tls-backend.example.com").issue();
        client = TestPki.selfSigned().sans("gateway-client").issue();
        echo = EchoServer.start(EchoOptions.of("tls-backend-5d4c-k9z8q", "gateway-conformance-infra")
                .withHttps(0, server.certificatePem(), server.privateKeyPem())
                .withClientCaPem(client.certificatePem()));
    }

    @AfterAll
    static void stop() throws Exception {
        echo.stop();
    }

    private static SSLContext clientContext(boolean presentClientCertificate) {
        return TestPki.sslContext(server, presentClientCertificate ? client : null);
    }

    private static RawHttp.Reply get(SSLContext context, String sni, String alpn, String hostHeader) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket("127.0.0.1", echo.httpsPort().orElseThrow())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sni)));
            if (alpn != null) {
                parameters.setApplicationProtocols(new String[]{alpn});
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return RawHttp.exchange(socket, "GET /tls?a=b HTTP/1.1\r\nHost: " + hostHeader);
        }
    }

    @Test
    void reportsTheSniTheClientSentEvenWhenItDiffersFromHostAndCertificate() throws Exception {
        RawHttp.Reply reply = get(clientContext(false), "abc.example.com", "http/1.1", "other.example.com:8443");
        assertEquals(200, reply.status(), reply.body());
        JsonNode json = reply.json();
        assertEquals("/tls?a=b", json.get("path").asText());
        assertEquals("other.example.com:8443", json.get("host").asText());
        JsonNode tls = json.get("tls");
        assertEquals("abc.example.com", tls.get("serverName").asText());
        assertEquals("TLSv1.3", tls.get("version").asText());
        assertEquals("http/1.1", tls.get("negotiatedProtocol").asText());
        assertTrue(tls.get("cipherSuite").asText().startsWith("TLS_"), tls.toString());
        assertNull(tls.get("peerCertificates"), "no client certificate was presented");
    }

    @Test
    void omitsNegotiatedProtocolWithoutAlpnAndEchoesClientCertificates() throws Exception {
        RawHttp.Reply reply = get(clientContext(true), "tls-backend.example.com", null, "tls-backend.example.com");
        assertEquals(200, reply.status(), reply.body());
        JsonNode tls = reply.json().get("tls");
        assertEquals("tls-backend.example.com", tls.get("serverName").asText());
        assertFalse(tls.has("negotiatedProtocol"), tls.toString());
        assertEquals(1, tls.get("peerCertificates").size());
        assertEquals(client.certificatePem().strip(), tls.get("peerCertificates").get(0).asText().strip());
    }

    @Test
    void offersHttp2ThroughAlpn() throws Exception {
        try (SSLSocket socket = (SSLSocket) clientContext(false).getSocketFactory()
                .createSocket("127.0.0.1", echo.httpsPort().orElseThrow())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName("h2.example.com")));
            parameters.setApplicationProtocols(new String[]{"h2", "http/1.1"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertEquals("h2", socket.getApplicationProtocol());
        }
    }

    @Test
    void plainPortOfATlsInstanceHasNoTlsObject() throws Exception {
        JsonNode json = RawHttp.get("127.0.0.1", echo.httpPort(), "/", "plain").json();
        assertNull(json.get("tls"));
        assertEquals("tls-backend-5d4c-k9z8q", json.get("pod").asText());
    }
}
