package dev.portolan.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Anchors the OpenAPI document that micronaut-openapi generates at compile time
 * (META-INF/swagger/portolan-0.1.yml). The openapi module fails its build when that
 * document drifts from the committed openapi/portolan.yaml.
 */
@OpenAPIDefinition(info = @Info(title = "Portolan", version = "0.1"))
@SecurityScheme(name = ApiDocumentation.WRITE_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The write token: printed at start, or set with portolan.api.write-token")
public final class ApiDocumentation {
    /** The security scheme of every write operation (AccessFilter enforces it). */
    public static final String WRITE_TOKEN = "writeToken";

    private ApiDocumentation() {
    }
}
