package dev.portolan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.testpki.IssuedCertificate;
import dev.portolan.testpki.KeyPurpose;
import dev.portolan.testpki.KeyType;
import dev.portolan.testpki.TestPki;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Setup step 3 and 4: echo instances per Deployment replica, and the EndpointSlices that point Services at them. */
class EchoFleetTest {
    @Test
    void startsEveryReplicaAndDescribesItsPortsPerService() throws Exception {
        List<ObjectNode> base = ConformanceCase.baseManifests(StatusConformanceTest.casesFolder(), GatewayClassUnderTest.PORTOLAN.placeholders());
        IssuedCertificate tls = TestPki.selfSigned().subject(ProgrammaticResources.LEAF_SUBJECT).sans("abc.example.com")
                .keyType(KeyType.RSA).purposes(KeyPurpose.SERVER_AUTH).issue();
        try (EchoFleet fleet = EchoFleet.start(base, tls.certificatePem(), tls.privateKeyPem(), new Random(7))) {
            List<EchoInstance> v1 = fleet.of("gateway-conformance-infra", "infra-backend-v1");
            assertEquals(2, v1.size());
            v1.forEach(i -> assertTrue(i.podName().matches("infra-backend-v1-[a-z0-9]{5}-[a-z0-9]{5}"), i.podName()));
            assertEquals(1, fleet.of("gateway-conformance-infra", "infra-backend-v3").size());
            assertTrue(fleet.of("gateway-conformance-infra", "tls-backend").get(0).server().httpsPort().isPresent());

            List<ObjectNode> slices = EndpointSlices.forServices(base, fleet.instances()).stream()
                    .filter(s -> s.path("metadata").path("labels").path(EndpointSlices.SERVICE_NAME_LABEL).asText().equals("infra-backend-v1"))
                    .toList();
            assertEquals(2, slices.size());
            for (int i = 0; i < 2; i++) {
                EchoInstance instance = v1.get(i);
                JsonNode ports = slices.get(i).path("ports");
                assertEquals("127.0.0.1", slices.get(i).path("endpoints").get(0).path("addresses").get(0).asText());
                assertEquals(instance.podName(), slices.get(i).path("endpoints").get(0).path("targetRef").path("name").asText());
                assertEquals(3, ports.size(), ports.toString());
                assertEquals("first-port", ports.get(0).path("name").asText());
                assertEquals(instance.server().httpPort(), ports.get(0).path("port").asInt());
                assertEquals(instance.server().h2cPort().getAsInt(), ports.get(1).path("port").asInt());
                assertEquals("kubernetes.io/h2c", ports.get(1).path("appProtocol").asText());
                assertEquals(instance.server().httpPort(), ports.get(2).path("port").asInt());
            }
        }
    }
}
