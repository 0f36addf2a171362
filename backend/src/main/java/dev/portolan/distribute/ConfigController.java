package dev.portolan.distribute;

import dev.portolan.api.problem.ApiException;
import dev.portolan.model.GatewayDuration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where standalone proxies pull their config: {@code GET /proxy/v1/config} with {@code If-None-Match: "<version>"}
 * long-polls (up to {@code wait}, default 30s, at most 5m) until a newer version exists; the ETag is the version.
 * {@code gateway=namespace/name} narrows the answer to one Gateway, as a provisioned proxy asks for it; such a
 * request may also be authorised by the {@link ProxyAuthenticator} (see {@code AccessFilter}).
 */
@Controller("/proxy/v1/config")
public class ConfigController {
    /** Set by the access filter when only the proxy authenticator can allow the request. */
    public static final String NEEDS_PROXY_AUTHENTICATION = "portolan.proxy-authentication";
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);
    private final ConfigPublisher publisher;
    private final Optional<ProxyAuthenticator> authenticator;
    private final GatewayConfigs slices = new GatewayConfigs();

    public ConfigController(ConfigPublisher publisher, Optional<ProxyAuthenticator> authenticator) {
        this.publisher = publisher;
        this.authenticator = authenticator;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The current proxy config; long-polls while the caller's version (If-None-Match) is current")
    @ApiResponse(responseCode = "200", description = "A config newer than the caller's; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object",
                    description = "ProxyConfig as encoded by dev.portolan.proxy.config.ProxyConfigCodec")))
    @ApiResponse(responseCode = "304", description = "Nothing newer than If-None-Match within the wait")
    @ApiResponse(responseCode = "400", description = "wait is not a Gateway API duration, or gateway is not namespace/name")
    @ApiResponse(responseCode = "403", description = "The caller may not read this config")
    @ApiResponse(responseCode = "503", description = "No config has been computed yet")
    public CompletableFuture<HttpResponse<String>> config(
            HttpRequest<?> request,
            @Parameter(description = "The version the caller has, as an ETag (\"12\")")
            @Header("If-None-Match") @Nullable String ifNoneMatch,
            @Parameter(description = "How long to wait for a newer version (Gateway API duration, default 30s, at most 5m)")
            @QueryValue @Nullable String wait,
            @Parameter(description = "Only this Gateway's config (namespace/name), as a provisioned proxy asks for it")
            @QueryValue @Nullable String gateway) {
        long seen = parseVersion(ifNoneMatch);
        Duration timeout = parseWait(wait);
        if (gateway != null && !GatewayConfigs.isGatewayName(gateway)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, (String) null, "gateway",
                    "query parameter gateway: '" + gateway + "' is not namespace/name");
        }
        if (request.getAttribute(NEEDS_PROXY_AUTHENTICATION).isPresent()) {
            String token = request.getHeaders().getAuthorization().orElse("").substring("Bearer ".length()).strip();
            return authenticator.orElseThrow().refusal(gateway, token).thenCompose(refusal -> {
                if (refusal != null) {
                    return CompletableFuture.failedFuture(new ApiException(HttpStatus.FORBIDDEN, (String) null,
                            "Authorization", refusal));
                }
                return answer(seen, timeout, gateway);
            });
        }
        return answer(seen, timeout, gateway);
    }

    private CompletableFuture<HttpResponse<String>> answer(long seen, Duration timeout, @Nullable String gateway) {
        return publisher.awaitNewer(seen, timeout).thenApply(config -> {
            if (config == null) {
                return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body("{\"detail\":\"no proxy config has been computed yet\"}");
            }
            String etag = "\"" + config.version() + "\"";
            if (config.version() <= seen) {
                return HttpResponse.<String>notModified().header("ETag", etag);
            }
            return HttpResponse.ok(gateway == null ? config.json() : slices.json(config, gateway))
                    .header("ETag", etag);
        });
    }

    /** {@code "12"} or {@code 12} or {@code W/"12"}; anything else counts as "have nothing". */
    static long parseVersion(String etag) {
        if (etag == null) {
            return 0;
        }
        String digits = etag.replace("W/", "").replace("\"", "").strip();
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static Duration parseWait(String wait) {
        if (wait == null || wait.isEmpty()) {
            return Duration.ofSeconds(30);
        }
        try {
            Duration parsed = GatewayDuration.parse(wait);
            return parsed.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : parsed;
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "query parameter wait: " + e.getMessage());
        }
    }
}
