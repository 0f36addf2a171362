package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EchoMainTest {

    @Test
    void parsesTheDocumentedFlags() {
        EchoOptions options = EchoMain.parse(new String[]{"--http-port", "9080", "--pod", "echo-1",
                "--namespace", "default", "--h2c-port", "9081", "--host", "127.0.0.2", "--no-websocket"});
        assertEquals("echo-1", options.podName());
        assertEquals("default", options.namespace());
        assertEquals(9080, options.httpPort());
        assertEquals(9081, options.h2cPort());
        assertNull(options.httpsPort());
        assertEquals("127.0.0.2", options.host());
        assertFalse(options.webSocket());
    }

    @Test
    void reportsUnknownFlagsAndBadValues() {
        assertEquals("unknown flag --nope",
                assertThrows(IllegalArgumentException.class, () -> EchoMain.parse(new String[]{"--nope", "x"}))
                        .getMessage());
        assertEquals("unknown flag --bogus",
                assertThrows(IllegalArgumentException.class, () -> EchoMain.parse(new String[]{"--bogus"}))
                        .getMessage());
        assertEquals("flag --http-port: \"web\" is not a port number",
                assertThrows(IllegalArgumentException.class,
                        () -> EchoMain.parse(new String[]{"--http-port", "web"})).getMessage());
        assertEquals("flag --pod needs a value",
                assertThrows(IllegalArgumentException.class, () -> EchoMain.parse(new String[]{"--pod"}))
                        .getMessage());
    }

    @Test
    void httpsWithoutKeyMaterialIsRejectedNamingThePod() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EchoMain.parse(new String[]{"--pod", "tls-1", "--https-port", "8443"}));
        assertEquals("echo options for pod tls-1: httpsPort is set but certChainPem/privateKeyPem are missing",
                e.getMessage());
    }
}
