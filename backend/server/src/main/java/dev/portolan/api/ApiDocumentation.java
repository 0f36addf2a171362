package dev.portolan.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Anchors the OpenAPI document that micronaut-openapi generates at compile time
 * (META-INF/swagger/portolan.yml). The openapi module fails its build when that
 * document drifts from the committed openapi/portolan.yaml.
 */
@OpenAPIDefinition(info = @Info(title = "Portolan", version = "${portolan.version}",
        description = "Run and understand Kubernetes Gateway API traffic. v1 only grows: operations, parameters, "
                + "statuses and response members it documents keep their meaning and type; new optional members "
                + "and operations may appear, so clients ignore members they do not know. Every error is "
                + "application/problem+json (Problem). A deprecated operation is marked deprecated here and answers "
                + "with a Deprecation header (RFC 9745). info.version is the project version. See "
                + "openapi/VERSIONING.md."))
@SecurityScheme(name = ApiDocumentation.WRITE_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token with role editor: the write token (printed at start, or set with "
                + "portolan.api.write-token) or an editor line of portolan.api.tokens-file. Reads need a viewer or "
                + "editor token except from loopback (portolan.api.trust-loopback); proxy configs always need one.")
public final class ApiDocumentation {
    /** The security scheme of every write operation (AccessFilter enforces it). */
    public static final String WRITE_TOKEN = "writeToken";

    private ApiDocumentation() {
    }
}
