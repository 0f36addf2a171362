package dev.portolan.echo;

import java.util.Objects;

/**
 * How to start one echo instance. Ports: 0 picks a free port; {@code null} h2c/https ports leave that
 * listener off. Build with {@link #of(String, String)} and the {@code with...} methods.
 *
 * @param podName          reported as "pod" (the harness matches {@code expect.backend} as a prefix of it)
 * @param namespace        reported as "namespace"
 * @param serviceName      reported as "service" (empty upstream)
 * @param host             address to bind, 127.0.0.1 by default
 * @param httpPort         HTTP/1.1 (+ WebSocket) port, the contract's 3000
 * @param h2cPort          HTTP/2 cleartext port (prior knowledge or {@code Upgrade: h2c}), the contract's 3001
 * @param httpsPort        HTTPS port (ALPN h2 and http/1.1), the contract's 8443; needs the two PEMs below
 * @param certChainPem     server certificate chain, PEM, leaf first
 * @param privateKeyPem    private key of the leaf, PEM (PKCS#8 or PKCS#1 RSA)
 * @param clientCaPem      optional CA bundle, PEM: when set, client certificates are requested and verified
 * @param reportedHttpPort value of "httpPort" in the echo JSON; {@code null} reports the bound HTTP port
 * @param webSocket        answer WebSocket upgrades on any path by echoing frames
 * @param recordLimit      how many received requests to keep for {@link EchoServer#recorded()}
 */
public record EchoOptions(String podName, String namespace, String serviceName, String host, int httpPort,
                          Integer h2cPort, Integer httpsPort, String certChainPem, String privateKeyPem,
                          String clientCaPem, String reportedHttpPort, boolean webSocket, int recordLimit) {

    public static final int DEFAULT_RECORD_LIMIT = 10_000;

    public EchoOptions {
        Objects.requireNonNull(podName, "echo options: podName is required");
        Objects.requireNonNull(namespace, "echo options: namespace is required");
        serviceName = serviceName == null ? "" : serviceName;
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        checkPort(podName, "httpPort", httpPort);
        if (h2cPort != null) {
            checkPort(podName, "h2cPort", h2cPort);
        }
        if (httpsPort != null) {
            checkPort(podName, "httpsPort", httpsPort);
            if (certChainPem == null || certChainPem.isBlank() || privateKeyPem == null || privateKeyPem.isBlank()) {
                throw new IllegalArgumentException("echo options for pod " + podName
                        + ": httpsPort is set but certChainPem/privateKeyPem are missing");
            }
        }
        if (recordLimit < 1) {
            throw new IllegalArgumentException("echo options for pod " + podName
                    + ": recordLimit must be at least 1, got " + recordLimit);
        }
    }

    /** HTTP only on a free loopback port, WebSocket on. */
    public static EchoOptions of(String podName, String namespace) {
        return new EchoOptions(podName, namespace, "", "127.0.0.1", 0, null, null, null, null, null, null,
                true, DEFAULT_RECORD_LIMIT);
    }

    public EchoOptions withHost(String newHost) {
        return new EchoOptions(podName, namespace, serviceName, newHost, httpPort, h2cPort, httpsPort,
                certChainPem, privateKeyPem, clientCaPem, reportedHttpPort, webSocket, recordLimit);
    }

    public EchoOptions withServiceName(String newServiceName) {
        return new EchoOptions(podName, namespace, newServiceName, host, httpPort, h2cPort, httpsPort,
                certChainPem, privateKeyPem, clientCaPem, reportedHttpPort, webSocket, recordLimit);
    }

    public EchoOptions withHttpPort(int port) {
        return new EchoOptions(podName, namespace, serviceName, host, port, h2cPort, httpsPort,
                certChainPem, privateKeyPem, clientCaPem, reportedHttpPort, webSocket, recordLimit);
    }

    public EchoOptions withH2cPort(int port) {
        return new EchoOptions(podName, namespace, serviceName, host, httpPort, port, httpsPort,
                certChainPem, privateKeyPem, clientCaPem, reportedHttpPort, webSocket, recordLimit);
    }

    public EchoOptions withHttps(int port, String chainPem, String keyPem) {
        return new EchoOptions(podName, namespace, serviceName, host, httpPort, h2cPort, port,
                chainPem, keyPem, clientCaPem, reportedHttpPort, webSocket, recordLimit);
    }

    public EchoOptions withClientCaPem(String caPem) {
        return new EchoOptions(podName, namespace, serviceName, host, httpPort, h2cPort, httpsPort,
                certChainPem, privateKeyPem, caPem, reportedHttpPort, webSocket, recordLimit);
    }

    public EchoOptions withReportedHttpPort(String value) {
        return new EchoOptions(podName, namespace, serviceName, host, httpPort, h2cPort, httpsPort,
                certChainPem, privateKeyPem, clientCaPem, value, webSocket, recordLimit);
    }

    public EchoOptions withWebSocket(boolean enabled) {
        return new EchoOptions(podName, namespace, serviceName, host, httpPort, h2cPort, httpsPort,
                certChainPem, privateKeyPem, clientCaPem, reportedHttpPort, enabled, recordLimit);
    }

    public EchoOptions withRecordLimit(int limit) {
        return new EchoOptions(podName, namespace, serviceName, host, httpPort, h2cPort, httpsPort,
                certChainPem, privateKeyPem, clientCaPem, reportedHttpPort, webSocket, limit);
    }

    private static void checkPort(String podName, String field, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("echo options for pod " + podName + ": " + field + " must be 0..65535, got " + port);
        }
    }
}
