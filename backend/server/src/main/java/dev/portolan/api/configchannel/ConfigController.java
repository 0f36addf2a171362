package dev.portolan.api.configchannel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.api.ApiDocumentation;
import dev.portolan.api.access.AccessFilter;
import dev.portolan.api.access.RequestCredentials;
import dev.portolan.api.problem.ApiException;
import dev.portolan.api.problem.ProblemJsonBodyProvider;
import dev.portolan.api.problem.ProblemSchema;
import dev.portolan.distribute.ConfigPublisher;
import dev.portolan.distribute.GatewayConfigs;
import dev.portolan.distribute.ProxyAuthenticator;
import dev.portolan.distribute.PublishedConfig;
import dev.portolan.model.GatewayDuration;
import dev.portolan.proxy.config.ProxyConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where standalone proxies pull their config: {@code GET /proxy/v1/config} with {@code If-None-Match: "<version>"}
 * long-polls (up to {@code wait}, default 30s, at most 5m) until the version served differs from the caller's; the
 * ETag is the version. Versions are content digests with no order: any other version, whichever process or replica
 * serves it, is new to the caller, and the same content has the same version everywhere.
 * {@code gateway=namespace/name} narrows the answer to one Gateway, as a provisioned proxy asks for it (versioned
 * by the digest of that slice); such a request may also be authorised by the {@link ProxyAuthenticator} (see
 * {@code AccessFilter}). Before the control plane's first config exists the answer is 503 with Retry-After, never
 * an empty config that would make a proxy drop its routes.
 */
@Controller("/proxy/v1/config")
public class ConfigController {
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);
    /** Seconds a proxy should wait before asking a control plane that has no config yet. */
    static final String RETRY_AFTER_SECONDS = "1";
    private static final Pattern ENTITY_TAG =
            Pattern.compile("(?:W/)?\"([A-Za-z0-9._-]{1,64})\"|([A-Za-z0-9._-]{1,64})");
    private final ConfigPublisher publisher;
    private final Optional<ProxyAuthenticator> authenticator;
    private final GatewayConfigs slices = new GatewayConfigs();

    public ConfigController(ConfigPublisher publisher, Optional<ProxyAuthenticator> authenticator) {
        this.publisher = publisher;
        this.authenticator = authenticator;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The current proxy config; long-polls while the caller's version (If-None-Match) is current")
    @ApiResponse(responseCode = "200", description = "A config other than the caller's; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProxyConfig.class,
                    description = "The proxy's own config model, as ProxyConfigCodec encodes it")))
    @ApiResponse(responseCode = "304", description = "The config is still the If-None-Match version after the wait")
    @ApiResponse(responseCode = "400", description = "wait is not a Gateway API duration, or gateway is not namespace/name",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "401", description = "No token, or one this server does not know: proxy configs hold "
            + "private keys, so they need a viewer or editor token even from loopback",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "403", description = "The caller may not read this config",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @ApiResponse(responseCode = "429", description = "Too many unknown proxy tokens to review now; ask again after"
            + " Retry-After seconds",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    @SecurityRequirement(name = ApiDocumentation.WRITE_TOKEN)
    @ApiResponse(responseCode = "503", description = "The control plane has not finished its first load; ask again"
            + " after Retry-After seconds",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE, schema = @Schema(ref = ProblemSchema.REF)))
    public CompletableFuture<HttpResponse<String>> config(
            HttpRequest<?> request,
            @Parameter(description = "The version the caller has, as an ETag (\"3f9a0c1d2b4e5f60\")")
            @Header("If-None-Match") @Nullable String ifNoneMatch,
            @Parameter(description = "How long to wait for another version (Gateway API duration, default 30s, at most 5m)")
            @QueryValue @Nullable String wait,
            @Parameter(description = "Only this Gateway's config (namespace/name), as a provisioned proxy asks for it")
            @QueryValue @Nullable String gateway) {
        String seen = parseVersion(ifNoneMatch);
        Duration timeout = parseWait(wait);
        if (gateway != null && !GatewayConfigs.isGatewayName(gateway)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, (String) null, "gateway",
                    "query parameter gateway: '" + gateway + "' is not namespace/name");
        }
        if (request.getAttribute(AccessFilter.NEEDS_PROXY_AUTHENTICATION).isPresent()) {
            String token = RequestCredentials.token(request).orElse("");
            return authenticator.orElseThrow().refusal(gateway, token).handle((refusal, error) -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof ProxyAuthenticator.Throttled throttled) {
                    return CompletableFuture.completedFuture(throttled(request, throttled));
                }
                if (cause != null) {
                    return CompletableFuture.<HttpResponse<String>>failedFuture(cause);
                }
                if (refusal != null) {
                    return CompletableFuture.<HttpResponse<String>>failedFuture(new ApiException(
                            HttpStatus.FORBIDDEN, (String) null, "Authorization", refusal));
                }
                return answer(request, seen, timeout, gateway);
            }).thenCompose(Function.identity());
        }
        return answer(request, seen, timeout, gateway);
    }

    private CompletableFuture<HttpResponse<String>> answer(HttpRequest<?> request, @Nullable String seen,
                                                           Duration timeout, @Nullable String gateway) {
        Function<PublishedConfig, PublishedConfig> served = gateway == null
                ? Function.identity()
                : config -> slices.slice(config, gateway);
        return publisher.awaitChange(seen, config -> served.apply(config).version(), timeout).thenApply(config -> {
            if (config == null) {
                return notLoadedYet(request);
            }
            PublishedConfig answer = served.apply(config);
            String etag = "\"" + answer.version() + "\"";
            if (answer.version().equals(seen)) {
                return HttpResponse.<String>notModified().header("ETag", etag);
            }
            return HttpResponse.ok(answer.json()).header("ETag", etag);
        });
    }

    /** 503 problem+json: serving an empty config instead would make a proxy drop every route. */
    private static HttpResponse<String> notLoadedYet(HttpRequest<?> request) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode()
                .put("type", "about:blank")
                .put("title", HttpStatus.SERVICE_UNAVAILABLE.getReason())
                .put("status", HttpStatus.SERVICE_UNAVAILABLE.getCode())
                .put("detail", "the control plane has not finished loading its resources; no proxy config exists"
                        + " yet, so keep serving the config you have and ask again")
                .put("instance", request.getPath());
        return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(ProblemJsonBodyProvider.PROBLEM_JSON)
                .body(problem.toString());
    }

    /** 429 problem+json: the authenticator would not check another unknown token now. */
    private static HttpResponse<String> throttled(HttpRequest<?> request, ProxyAuthenticator.Throttled throttled) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode()
                .put("type", "about:blank")
                .put("title", HttpStatus.TOO_MANY_REQUESTS.getReason())
                .put("status", HttpStatus.TOO_MANY_REQUESTS.getCode())
                .put("detail", throttled.getMessage())
                .put("field", "Authorization")
                .put("instance", request.getPath());
        return HttpResponse.<String>status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()))
                .contentType(ProblemJsonBodyProvider.PROBLEM_JSON)
                .body(problem.toString());
    }

    /**
     * The version in {@code "v"}, {@code W/"v"} or a bare {@code v}; null ("have nothing", answered at once) for
     * anything else, a list of tags included.
     */
    static String parseVersion(@Nullable String etag) {
        if (etag == null) {
            return null;
        }
        Matcher matcher = ENTITY_TAG.matcher(etag.strip());
        if (!matcher.matches()) {
            return null;
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
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
