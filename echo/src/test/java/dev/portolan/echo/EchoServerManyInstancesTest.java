package dev.portolan.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The conformance base manifests need about two dozen echo pods in one JVM. */
class EchoServerManyInstancesTest {

    @Test
    void startsServesAndStopsTwentyFourInstancesWithH2c() throws Exception {
        List<EchoServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                servers.add(EchoServer.start(EchoOptions.of("infra-backend-v" + i + "-7c9f-abcd" + i,
                        "gateway-conformance-infra").withH2cPort(0)));
            }
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < servers.size(); i++) {
                EchoServer server = servers.get(i);
                ports.add(server.httpPort());
                ports.add(server.h2cPort().orElseThrow());
                RawHttp.Reply reply = RawHttp.get(server.host(), server.httpPort(), "/n?i=" + i, "example.com");
                assertEquals("infra-backend-v" + i + "-7c9f-abcd" + i, reply.json().get("pod").asText());
                assertEquals(1, server.recordedCount("/n?i=" + i));
            }
            assertEquals(48, ports.size(), "every listener has its own port");
        } finally {
            for (EchoServer server : servers) {
                server.stop();
            }
        }
        for (EchoServer server : servers) {
            assertEquals(false, server.isRunning());
        }
    }
}
