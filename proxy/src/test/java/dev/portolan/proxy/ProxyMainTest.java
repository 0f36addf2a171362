package dev.portolan.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProxyMainTest {
    @Test
    void parsesOptionsWithDefaults() {
        assertEquals(new ProxyMain.Args(URI.create("http://cp:8080"), 0, 9901),
                ProxyMain.Args.parse("--config-url", "http://cp:8080"));
        assertEquals(new ProxyMain.Args(URI.create("http://cp:8080"), 8000, 0),
                ProxyMain.Args.parse("--port-offset", "8000", "--config-url", "http://cp:8080", "--admin-port", "0"));
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertEquals("--config-url is required (the control plane's base URL)",
                assertThrows(IllegalArgumentException.class, () -> ProxyMain.Args.parse()).getMessage());
        assertEquals("--port-offset: 'x' is not a number", assertThrows(IllegalArgumentException.class,
                () -> ProxyMain.Args.parse("--config-url", "http://cp", "--port-offset", "x")).getMessage());
        assertEquals("--admin-port needs a value", assertThrows(IllegalArgumentException.class,
                () -> ProxyMain.Args.parse("--config-url", "http://cp", "--admin-port")).getMessage());
    }
}
