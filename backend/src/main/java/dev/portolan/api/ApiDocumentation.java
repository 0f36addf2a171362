package dev.portolan.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Anchors the OpenAPI document that micronaut-openapi generates at compile time
 * (META-INF/swagger/portolan-0.1.yml). The openapi module fails its build when that
 * document drifts from the committed openapi/portolan.yaml.
 */
@OpenAPIDefinition(info = @Info(title = "Portolan", version = "0.1"))
public final class ApiDocumentation {
    private ApiDocumentation() {
    }
}
