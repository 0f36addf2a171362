package dev.portolan.openapi;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks an answer of the API against the checked-in openapi/portolan.yaml: the status must be documented for the
 * operation (or covered by its default response), the media type must be one the document lists, and a JSON body
 * must validate against the schema, with no member the schema does not name (the validator treats an object
 * without additionalProperties as closed). An answer the document does not describe is a failed test.
 */
final class ContractValidator {
    private static ContractValidator shared;
    private final OpenApiInteractionValidator validator;
    private final OpenAPI document;
    private final SchemaValidator schemas;

    private ContractValidator(String yaml) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(yaml).build();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        this.document = new OpenAPIV3Parser().readContents(yaml, null, options).getOpenAPI();
        this.schemas = new SchemaValidator(document, new MessageResolver());
    }

    /** The checked-in document, read once per test JVM. */
    static synchronized ContractValidator shared() {
        if (shared == null) {
            Path document = Path.of(System.getProperty("openapi.checkedIn", "portolan.yaml"));
            try {
                shared = new ContractValidator(Files.readString(document, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * @param path the request path without query (e.g. /api/v1/httproutes/default/echo)
     * @return the document's complaints, one per line; empty when the answer is as documented
     */
    String check(String method, String path, int status, String contentType, byte[] body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body.length > 0) {
            // a body in another media type (DOT, an event stream) is only checked for being documented
            response.withBody(new String(body, StandardCharsets.UTF_8));
        }
        ValidationReport report = validator.validateResponse(path,
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
        return report.hasErrors() ? SimpleValidationReportFormat.getInstance().apply(report) : "";
    }

    /** Checks a JSON value that no operation documents (an SSE event's data) against a component schema. */
    String checkSchema(String componentSchema, String json) {
        Schema<?> schema = document.getComponents().getSchemas().get(componentSchema);
        if (schema == null) {
            return "openapi/portolan.yaml has no component schema " + componentSchema;
        }
        ValidationReport report = schemas.validate(json, schema, "body");
        return report.hasErrors() ? SimpleValidationReportFormat.getInstance().apply(report) : "";
    }

    /**
     * An answer to a request outside the document's operations (an unknown path, a method a path does not have)
     * has no operation to document it; it must still be a Problem, as application/problem+json.
     */
    String checkAsOtherError(int status, String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return "a " + status + " answer in " + contentType + ", not application/problem+json";
        }
        return checkSchema("Problem", new String(body, StandardCharsets.UTF_8));
    }

}
