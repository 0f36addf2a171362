package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The contract check can fail: answers the document does not describe are caught, described ones pass. */
class ContractValidatorTest {
    private static final String LIST = """
            {"apiVersion":"portolan.dev/v1","kind":"GatewayList",
             "metadata":{"resourceVersion":"3","snapshotVersion":3,"continue":null,"remainingItemCount":0},
             "items":[{"kind":"Gateway","metadata":{"name":"web","namespace":"default"},"age":"5m",
                       "links":{"self":"/api/v1/gateways/default/web"},"class":"portolan","addresses":[],
                       "ports":[80],"programmed":"True","attachedRoutes":2,"policies":[]}]}""";
    private static final String PROBLEM = """
            {"type":"about:blank","title":"Not Found","status":404,"instance":"/api/v1/gateways/default/x",
             "detail":"Gateway/default/x does not exist","object":"Gateway/default/x",
             "reason":"Gateway/default/x does not exist"}""";
    private final ContractValidator contract = ContractValidator.shared();

    @Test
    void aDocumentedAnswerPasses() {
        assertEquals("", check(200, "application/json", LIST));
        assertEquals("", contract.check("GET", "/api/v1/gateways/default/x", 404, "application/problem+json",
                PROBLEM.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMemberOfTheWrongTypeFails() {
        assertFails(check(200, "application/json", LIST.replace("\"attachedRoutes\":2", "\"attachedRoutes\":\"2\"")));
    }

    @Test
    void aMemberTheDocumentDoesNotNameFails() {
        assertFails(check(200, "application/json", LIST.replace("\"age\":\"5m\"", "\"age\":\"5m\",\"color\":\"red\"")));
    }

    @Test
    void aMissingRequiredMemberFails() {
        assertFails(check(200, "application/json", LIST.replace("\"kind\":\"GatewayList\",", "")));
    }

    @Test
    void anErrorThatIsNoProblemFails() {
        assertFails(check(400, "application/problem+json", "{\"error\":\"bad\"}"));
        assertFails(check(400, "application/json", PROBLEM));
    }

    @Test
    void aMediaTypeTheOperationDoesNotProduceFails() {
        assertFails(check(200, "text/html", "<html></html>"));
    }

    private String check(int status, String type, String body) {
        return contract.check("GET", "/api/v1/gateways", status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertFails(String complaints) {
        assertTrue(!complaints.isEmpty(), "the contract check let an undocumented answer pass");
    }
}
