package dev.portolan.model.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.ManifestException;
import dev.portolan.model.Manifests;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API server's rules, kind by kind: each case names the field the refusal must name. */
class ObjectValidatorTest {

    private static ObjectNode object(String apiVersion, String kind, String name, Consumer<ObjectNode> metadata) {
        ObjectNode manifest = JsonNodeFactory.instance.objectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = manifest.putObject("metadata").put("name", name);
        metadata.accept(meta);
        return manifest;
    }

    private static String refusedField(JsonNode manifest) {
        ManifestException e = assertThrows(ManifestException.class,
                () -> ObjectValidator.validate(manifest, Manifests.keyOf(manifest), KnownKinds.builtIn()));
        return e.field();
    }

    private static void accepted(JsonNode manifest) {
        assertDoesNotThrow(() -> ObjectValidator.validate(manifest, Manifests.keyOf(manifest), KnownKinds.builtIn()));
    }

    @ParameterizedTest
    @CsvSource({
            // kind, name, accepted
            "Namespace, team-a, true", "Namespace, team.a, false", "Namespace, 1team, true",
            "Service, web-1, true", "Service, 1web, false", "Service, web.a, false",
            "ConfigMap, app.config-1, true", "ConfigMap, App, false", "ConfigMap, a..b, false",
            "Secret, -a, false", "Secret, a-, false"})
    void namesFollowTheKindsFormat(String kind, String name, boolean ok) {
        ObjectNode manifest = object("v1", kind, name, m -> { });
        if (ok) {
            accepted(manifest);
        } else {
            assertEquals("metadata.name", refusedField(manifest));
        }
    }

    @Test
    void lengthsAreTheApiServers() {
        accepted(object("v1", "Service", "s".repeat(63), m -> { }));
        assertEquals("metadata.name", refusedField(object("v1", "Service", "s".repeat(64), m -> { })));
        String subdomain = String.join(".", List.of("a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)));
        accepted(object("gateway.networking.k8s.io/v1", "HTTPRoute", subdomain, m -> { }));
        assertEquals("metadata.name", refusedField(object("gateway.networking.k8s.io/v1", "HTTPRoute",
                subdomain + "d", m -> { })));
        assertEquals("metadata.namespace", refusedField(object("v1", "ConfigMap", "c",
                m -> m.put("namespace", "n".repeat(64)))));
    }

    @Test
    void labelsAndAnnotations() {
        accepted(object("v1", "ConfigMap", "c", m -> {
            m.putObject("labels").put("app.kubernetes.io/name", "My_App.v1").put("empty", "");
            m.putObject("annotations").put("example.com/notes", "line one\nline two\twith a tab");
        }));
        assertEquals("metadata.labels[app]", refusedField(object("v1", "ConfigMap", "c",
                m -> m.putObject("labels").put("app", "has space"))));
        assertEquals("metadata.labels[Example.com/app]", refusedField(object("v1", "ConfigMap", "c",
                m -> m.putObject("labels").put("Example.com/app", "x"))));
        assertEquals("metadata.labels[app]", refusedField(object("v1", "ConfigMap", "c",
                m -> m.putObject("labels").put("app", 1))));
        assertEquals("metadata.annotations[/x]", refusedField(object("v1", "ConfigMap", "c",
                m -> m.putObject("annotations").put("/x", "y"))));
        assertEquals("metadata.annotations", refusedField(object("v1", "ConfigMap", "c",
                m -> m.putObject("annotations").put("big", "x".repeat(256 * 1024)))));
    }

    @Test
    void controlCharactersAnywhereInMetadataAreRefused() {
        assertEquals("metadata.annotations[note]", refusedField(object("v1", "ConfigMap", "c",
                m -> m.putObject("annotations").put("note", "bell\u0007"))));
        assertEquals("metadata.annotations[note]", refusedField(object("v1", "ConfigMap", "c",
                m -> m.putObject("annotations").put("note", "looks \u202Eharmless"))));
        assertEquals("metadata.finalizers[0]", refusedField(object("v1", "ConfigMap", "c",
                m -> m.putArray("finalizers").add("example.com/\u0000x"))));
        ManifestException e = assertThrows(ManifestException.class, () -> ObjectValidator.validateMetadata(
                object("v1", "ConfigMap", "a\nb", m -> { }), Manifests.keyOf(object("v1", "ConfigMap", "a\nb",
                        m -> { }))));
        assertTrue(e.reason().contains("U+000A"), e.reason());
    }

    @Test
    void onlyServedGroupVersionKinds() {
        accepted(object("gateway.networking.k8s.io/v1beta1", "ReferenceGrant", "g", m -> { }));
        accepted(object("gateway.networking.k8s.io/v1alpha3", "BackendTLSPolicy", "p", m -> { }));
        accepted(object("gateway.portolan.dev/v1alpha1", "TimeoutPolicy", "t", m -> { }));
        assertEquals("apiVersion", refusedField(object("gateway.networking.k8s.io/v9", "Gateway", "g", m -> { })));
        assertEquals("apiVersion", refusedField(object("v2", "Service", "s", m -> { })));
        assertEquals("kind", refusedField(object("gateway.networking.k8s.io/v1beta1", "GRPCRoute", "g", m -> { })));
        assertEquals("apiVersion", refusedField(object("example.com/v1", "Widget", "w", m -> { })));

        JsonNode crd = object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com", m -> { });
        ((ObjectNode) crd).putObject("spec").put("group", "example.com").putObject("names").put("kind", "Widget");
        ((ObjectNode) crd.get("spec")).putArray("versions").addObject().put("name", "v1").put("served", true);
        ObjectNode widget = object("example.com/v1", "Widget", "w", m -> { });
        assertDoesNotThrow(() -> ObjectValidator.validate(widget, Manifests.keyOf(widget),
                KnownKinds.withCrds(List.of(crd))));
    }
}
