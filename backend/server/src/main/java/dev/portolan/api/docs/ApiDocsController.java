package dev.portolan.api.docs;

import dev.portolan.api.problem.ApiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The OpenAPI document at a stable URL ({@code /openapi.yml}, whatever the API version in its file name) and a
 * browsable UI at {@code /api/docs} (Swagger UI from its webjar: served from the jar, no CDN).
 */
@Hidden
@Controller
public class ApiDocsController {
    private static final String SPEC = "META-INF/swagger/portolan.yml";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Portolan REST API</title>
              <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
            </head>
            <body>
              <div id="ui"></div>
              <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
              <script src="/api/docs/init.js"></script>
            </body>
            </html>
            """;
    private static final String INIT = "window.ui = SwaggerUIBundle({url: '/openapi.yml', dom_id: '#ui'});\n";
    private final String assetRoot = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";

    @Get(uri = "/openapi.yml", produces = "application/yaml")
    public HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(read(SPEC)).contentType("application/yaml");
    }

    @Get(uri = "/api/docs", produces = MediaType.TEXT_HTML)
    public String page() {
        return PAGE;
    }

    @Get(uri = "/api/docs/init.js", produces = "text/javascript")
    public String init() {
        return INIT;
    }

    @Get(uri = "/api/docs/assets/{file}")
    public HttpResponse<byte[]> asset(@PathVariable String file) {
        String type = ASSETS.get(file);
        if (type == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, (String) null, "file", file + " is not an API docs asset");
        }
        return HttpResponse.ok(read(assetRoot + file)).contentType(type);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = ApiDocsController.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
