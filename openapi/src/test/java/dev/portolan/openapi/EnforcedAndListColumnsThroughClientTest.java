package dev.portolan.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portolan.client.api.ReadApi;
import dev.portolan.client.invoker.ApiException;
import dev.portolan.client.model.ChainStep;
import dev.portolan.client.model.EnforcedBackend;
import dev.portolan.client.model.EnforcedTimeout;
import dev.portolan.client.model.HTTPRouteListItem;
import dev.portolan.client.model.PolicyListItem;
import dev.portolan.client.model.RuleEnforcement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15: one reconciled answer per value (describe's {@code enforced}: what the proxy applies per parent Gateway
 * and rule, with the chain that decided it) and lists that answer gwctl's questions (inherited policies, effective
 * timeouts, what a policy affects, a CRD's instances), through the generated client only (answers are validated
 * against the OpenAPI document).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnforcedAndListColumnsThroughClientTest {
    private RunningPortolan portolan;
    private ReadApi read;

    @BeforeAll
    void start() throws Exception {
        portolan = RunningPortolan.start("");
        read = portolan.read();
    }

    @AfterAll
    void stop() throws Exception {
        if (portolan != null) {
            portolan.close();
        }
    }

    private static ChainStep winner(EnforcedTimeout timeout) {
        List<ChainStep> winners = timeout.getChain().stream().filter(ChainStep::getWinner).toList();
        assertEquals(1, winners.size(), timeout.toString());
        return winners.get(0);
    }

    @Test
    void theRulesOwnTimeoutIsEnforcedAndBeatsTheClassDefault() throws ApiException {
        RuleEnforcement rule = read.describeHttpRoutes("default", "timeout-example").getEnforced()
                .get("default/example-gateway").get(0);
        assertTrue(rule.getServed());
        EnforcedTimeout request = rule.getRequest();
        assertEquals("10s", request.getEnforced());
        assertEquals("enforced", request.getState().getValue());
        assertEquals("rule", winner(request).getSource().getValue());
        ChainStep classDefault = request.getChain().get(1);
        assertEquals("30s", classDefault.getValue());
        assertEquals("GatewayClass", classDefault.getLevel());
        assertEquals(false, classDefault.getWinner());
        assertEquals("the rule's own value beats every policy default", classDefault.getReason());
        assertEquals("/api/v1/policies/TimeoutPolicy.gateway.portolan.dev/default/class-defaults",
                classDefault.getLink());
        assertEquals("2s", rule.getBackendRequest().getEnforced());
    }

    @Test
    void anOverrideOnOneGatewayIsEnforcedThereOnly() throws ApiException {
        var enforced = read.describeHttpRoutes("default", "echo").getEnforced();
        EnforcedTimeout capped = enforced.get("default/hello-world").get(0).getBackendRequest();
        assertEquals("5s", capped.getEnforced());
        ChainStep won = winner(capped);
        assertEquals("override", won.getSource().getValue());
        assertEquals("TimeoutPolicy/default/hello-world-cap", won.getObject());
        assertEquals("Gateway/default/hello-world", won.getTarget());
        assertTrue(capped.getChain().get(0).getReason().startsWith("overridden by the override of TimeoutPolicy"
                + " default/hello-world-cap"), capped.getChain().get(0).getReason());
        assertEquals("15s", enforced.get("default/example-gateway").get(0).getBackendRequest().getEnforced());
    }

    @Test
    void backendTlsIsWhatTheProxyConfigSaysWithThePolicyThatWon() throws ApiException {
        EnforcedBackend auth = read.describeHttpRoutes("default", "auth").getEnforced()
                .get("default/example-gateway").get(0).getBackends().get(0);
        assertEquals("default/auth-service:443", auth.getBackend());
        assertEquals("tls", auth.getConnection().getValue());
        assertEquals("auth.example.com", auth.getSni());
        assertEquals(1, auth.getCaCertificates());
        assertEquals("BackendTLSPolicy/default/tls-upstream-auth", auth.getChain().get(0).getObject());
        assertTrue(auth.getChain().get(0).getWinner());
        EnforcedBackend echo = read.describeHttpRoutes("default", "echo").getEnforced()
                .get("default/example-gateway").get(0).getBackends().get(0);
        assertEquals("plain", echo.getConnection().getValue());
        assertEquals(List.of(), echo.getChain());
    }

    @Test
    void routeListsShowInheritedPoliciesWithTheirLevelAndTheEffectiveTimeouts() throws ApiException {
        HTTPRouteListItem echo = read.listHttpRoutes("default", null, null, null, null).getItems().stream()
                .filter(i -> i.getMetadata().getName().equals("echo")).findFirst().orElseThrow();
        assertEquals(List.of("class-defaults GatewayClass portolan", "hello-world-cap Gateway default/hello-world"),
                echo.getInheritedPolicies().stream().map(p -> p.getName() + " " + p.getLevel() + " "
                        + p.getTargetName()).toList());
        assertEquals(List.of(
                "default/example-gateway: request 30s (class-defaults at GatewayClass), backendRequest 15s"
                        + " (class-defaults at GatewayClass)",
                "default/hello-world: request 30s (class-defaults at GatewayClass), backendRequest 5s"
                        + " (hello-world-cap override at Gateway)"), echo.getTimeouts());
        var gateway = read.listGateways("default", null, null, null, null).getItems().get(0);
        assertEquals("example-gateway", gateway.getMetadata().getName());
        assertEquals(List.of("class-defaults"), gateway.getInheritedPolicies().stream().map(p -> p.getName()).toList());
        assertEquals(List.of("request 30s (class-defaults at GatewayClass)",
                "backendRequest 15s (class-defaults at GatewayClass)"), gateway.getTimeouts());
        var backend = read.listBackends("default", null, null, null, null).getItems().stream()
                .filter(i -> i.getMetadata().getName().equals("timeout-svc")).findFirst().orElseThrow();
        assertEquals(List.of("default/timeout-example via default/example-gateway: request 10s (rule),"
                + " backendRequest 2s (rule)"), backend.getTimeouts());
    }

    @Test
    void policiesSayWhatTheyAffectAndPolicyCrdsListTheirInstances() throws ApiException {
        List<PolicyListItem> policies = read.listPolicies("default", null, null, null, null).getItems();
        PolicyListItem cap = policies.stream().filter(p -> p.getMetadata().getName().equals("hello-world-cap"))
                .findFirst().orElseThrow();
        assertEquals(List.of("default/hello-world"), cap.getAffects().getGateways());
        assertEquals(List.of("default/echo"), cap.getAffects().getHttproutes());
        assertEquals(List.of("default/echo"), cap.getAffects().getBackends());
        assertEquals("True", cap.getAccepted(), "Portolan writes its TimeoutPolicies' status");
        PolicyListItem tls = policies.stream().filter(p -> p.getMetadata().getName().equals("tls-upstream-auth"))
                .findFirst().orElseThrow();
        assertEquals(List.of("default/auth-service"), tls.getAffects().getBackends());
        assertEquals(List.of("default/auth"), tls.getAffects().getHttproutes());
        var crd = read.listPolicyCrds(null, null, null, null, null).getItems().stream()
                .filter(c -> c.getMetadata().getName().equals("timeoutpolicies.gateway.portolan.dev"))
                .findFirst().orElseThrow();
        assertEquals(List.of("default/class-defaults", "default/hello-world-cap"), crd.getInstances());
    }
}
