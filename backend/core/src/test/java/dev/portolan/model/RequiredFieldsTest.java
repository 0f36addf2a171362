package dev.portolan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Objects missing what the CRDs mark required are refused naming the field, before the graph reads them. */
class RequiredFieldsTest {
    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: shop, namespace: default}
            spec:
              parentRefs: [{name: web}]
              rules:
              - matches: [{headers: [{name: x, value: y}]}]
                filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: a, value: b}]}}]
                backendRefs: [{name: shop, port: 8080}]
            """;
    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: default}
            spec:
              gatewayClassName: portolan
              listeners: [{name: http, port: 80, protocol: HTTP}]
            """;

    private static JsonNode yaml(String text) throws IOException {
        return Manifests.YAML.readTree(text);
    }

    private static String missing(String yaml) throws IOException {
        JsonNode manifest = yaml(yaml);
        ManifestException e = assertThrows(ManifestException.class, () -> TypedManifests.toTyped(manifest));
        return e.field() + ": " + e.reason();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'parentRefs: [{name: web}]'|'parentRefs: [{port: 80}]'|spec.parentRefs[0].name: is required",
            "'parentRefs: [{name: web}]'|'parentRefs: [{name: \"\"}]'|spec.parentRefs[0].name: must not be empty",
            "'[{name: shop, port: 8080}]'|'[{port: 8080}]'|spec.rules[0].backendRefs[0].name: is required",
            "'{name: x, value: y}'|'{name: x}'|spec.rules[0].matches[0].headers[0].value: is required",
            "'type: RequestHeaderModifier, '|''|spec.rules[0].filters[0].type: is required",
            "'{name: a, value: b}'|'{value: b}'|spec.rules[0].filters[0].requestHeaderModifier.set[0].name: is required",
            "'parentRefs: [{name: web}]'|'parentRefs: [{name: web}, null]'|spec.parentRefs[1]: must not be null",
            "'rules:'|'rules: [~]\n  oldRules:'|spec.rules[0]: must not be null",
    })
    void routeFieldsTheSchemaRequires(String valid, String broken, String expected) throws IOException {
        TypedManifests.toTyped(yaml(ROUTE));
        assertEquals(expected, missing(ROUTE.replace(valid, broken)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'gatewayClassName: portolan'|'gatewayClassName: null'|spec.gatewayClassName: is required",
            "'listeners: [{name: http, port: 80, protocol: HTTP}]'|'listeners: []'|spec.listeners: must list at least one item",
            "'name: http, port: 80, '|'name: http, '|spec.listeners[0].port: is required",
            "'spec:'|'nospec:'|spec: is required",
    })
    void gatewayFieldsTheSchemaRequires(String valid, String broken, String expected) throws IOException {
        TypedManifests.toTyped(yaml(GATEWAY));
        assertEquals(expected, missing(GATEWAY.replace(valid, broken)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{name: http}]}'|spec.ports[0].port: is required",
            "'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\nendpoints: [{conditions: {}}]'|addressType: is required",
            "'apiVersion: gateway.networking.k8s.io/v1\nkind: ReferenceGrant\nmetadata: {name: g}\nspec: {from: [], to: [{group: \"\", kind: Service}]}'|spec.from: must list at least one item",
            "'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: c}\nspec: {}'|spec.controllerName: is required",
    })
    void otherKinds(String yaml, String expected) throws IOException {
        assertEquals(expected, missing(yaml.replace("\\n", "\n")));
    }
}
