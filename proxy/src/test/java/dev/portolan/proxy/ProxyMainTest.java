package dev.portolan.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.proxy.sync.GatewayRef;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProxyMainTest {
    private static String error(String... argv) {
        return assertThrows(IllegalArgumentException.class, () -> ProxyMain.Args.parse(argv)).getMessage();
    }

    @Test
    void parsesOptionsWithDefaults() {
        assertEquals(new ProxyMain.Args(URI.create("http://cp:8080"), null, null, null, null, false, 0, "127.0.0.1",
                        9901),
                ProxyMain.Args.parse("--config-url", "http://cp:8080"));
        assertEquals(new ProxyMain.Args(URI.create("http://cp:8080"), null, null, null, null, false, 8000,
                        "127.0.0.1", 0),
                ProxyMain.Args.parse("--port-offset", "8000", "--config-url", "http://cp:8080", "--admin-port", "0"));
    }

    @Test
    void parsesTheFlagsOfAProxyPod() {
        ProxyMain.Args args = ProxyMain.Args.parse("--config-url", "https://portolan.portolan-system.svc:8443",
                "--gateway", "apps/edge.v1", "--bind-address", "0.0.0.0",
                "--token-file", "/var/run/secrets/kubernetes.io/serviceaccount/token",
                "--ca-file", "/var/run/secrets/portolan.dev/control-plane-ca/ca.crt",
                "--admin-address", "0.0.0.0", "--admin-port", "9901");

        assertEquals(new ProxyMain.Args(URI.create("https://portolan.portolan-system.svc:8443"),
                new GatewayRef("apps", "edge.v1"), "0.0.0.0",
                Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"),
                Path.of("/var/run/secrets/portolan.dev/control-plane-ca/ca.crt"), false, 0, "0.0.0.0", 9901), args);
        assertEquals("::", ProxyMain.Args.parse("--config-url", "http://cp", "--bind-address", "::").bindAddress());
    }

    @Test
    void aTokenIsNeverSentInPlaintextUnlessThatIsSaid() {
        String refusal = error("--config-url", "http://cp:8080", "--token-file", "/token");
        assertTrue(refusal.startsWith("--config-url http://cp:8080 is plaintext"), refusal);
        assertTrue(refusal.contains("--insecure-plaintext"), refusal);
        ProxyMain.Args dev = ProxyMain.Args.parse("--config-url", "http://cp:8080", "--token-file", "/token",
                "--insecure-plaintext");
        assertTrue(dev.insecurePlaintext());
        assertEquals(Path.of("/token"), dev.tokenFile());
        assertEquals("--ca-file is for an https config URL; http://cp:8080 is not one",
                error("--config-url", "http://cp:8080", "--ca-file", "/ca.crt"));
        assertEquals("--ca-file: the path is empty", error("--config-url", "https://cp", "--ca-file", ""));
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertEquals("--config-url is required (the control plane's base URL)", error());
        assertEquals("--port-offset: 'x' is not a number", error("--config-url", "http://cp", "--port-offset", "x"));
        assertEquals("--admin-port needs a value", error("--config-url", "http://cp", "--admin-port"));
        assertEquals("--admin-port: 70000 is not in 0..65535",
                error("--config-url", "http://cp", "--admin-port", "70000"));
        assertEquals("--config-url: 'cp:8080' is not an http(s) URL (e.g. http://portolan.portolan-system:8080)",
                error("--config-url", "cp:8080"));
        assertEquals("unexpected argument 'extra'; " + ProxyMain.USAGE, error("--config-url", "http://cp", "extra"));
        assertEquals("unknown option --gatway; " + ProxyMain.USAGE, error("--gatway", "apps/gw"));
    }

    @Test
    void badGatewayBindAddressAndTokenFileAreNamed() {
        assertEquals("--gateway: 'edge' is not NAMESPACE/NAME (e.g. apps/my-gateway)",
                error("--config-url", "http://cp", "--gateway", "edge"));
        assertEquals("--gateway: 'apps/edge/x' is not NAMESPACE/NAME (e.g. apps/my-gateway)",
                error("--config-url", "http://cp", "--gateway", "apps/edge/x"));
        assertEquals("--gateway: '/edge' is not NAMESPACE/NAME (e.g. apps/my-gateway)",
                error("--config-url", "http://cp", "--gateway", "/edge"));
        assertEquals("--gateway: Gateway namespace 'Apps' is not a DNS-1123 label (lowercase letters, digits and"
                        + " '-', at most 63, starting and ending alphanumeric)",
                error("--config-url", "http://cp", "--gateway", "Apps/edge"));
        assertEquals("--gateway: Gateway name 'edge_1' is not a DNS-1123 subdomain (lowercase letters, digits,"
                        + " '-' and '.', at most 253, starting and ending alphanumeric)",
                error("--config-url", "http://cp", "--gateway", "apps/edge_1"));
        assertEquals("--bind-address: 'localhost' is not an IP address (use a literal such as 0.0.0.0, 127.0.0.1"
                + " or ::)", error("--config-url", "http://cp", "--bind-address", "localhost"));
        assertEquals("--admin-address: '0.0.0.256' is not an IP address (use a literal such as 0.0.0.0, 127.0.0.1"
                + " or ::)", error("--config-url", "http://cp", "--admin-address", "0.0.0.256"));
        assertEquals("--token-file: the path is empty", error("--config-url", "http://cp", "--token-file", " "));
        assertEquals("--token-file needs a value", error("--config-url", "http://cp", "--token-file"));
    }

    @Test
    void edgeSettingsComeFromFlagsAndBadValuesAreRefused() {
        ProxyMain.Args args = ProxyMain.Args.parse("--config-url", "http://cp", "--trusted-hops", "2",
                "--merge-slashes", "true", "--header-read-timeout-ms", "5000", "--idle-timeout-ms", "60000",
                "--max-request-header-bytes", "32768", "--max-request-headers", "50", "--max-request-body-bytes",
                "1048576", "--max-connections-per-client", "64", "--max-concurrent-streams", "20");
        assertEquals(new dev.portolan.proxy.edge.EdgeSettings(true, 2, 5000, 32768, 50, 1048576, 64, 20),
                args.edge());
        assertEquals(60000, args.idleTimeoutMillis());
        assertEquals(dev.portolan.proxy.edge.EdgeSettings.defaults(),
                ProxyMain.Args.parse("--config-url", "http://cp").edge());
        assertEquals("--merge-slashes: 'yes' is not true or false", error("--config-url", "http://cp",
                "--merge-slashes", "yes"));
        assertEquals("--max-request-header-bytes: 10 is not in 1024..1048576", error("--config-url", "http://cp",
                "--max-request-header-bytes", "10"));
        assertEquals(64, ProxyMain.Args.parse("--config-url", "http://cp", "--max-connections-per-endpoint", "64")
                .upstream().maxConnectionsPerEndpoint());
        assertEquals(dev.portolan.proxy.forward.UpstreamSettings.defaults(),
                ProxyMain.Args.parse("--config-url", "http://cp").upstream());
        assertEquals("--max-connections-per-endpoint: 0 is not in 1..1000000", error("--config-url", "http://cp",
                "--max-connections-per-endpoint", "0"));
    }
}
