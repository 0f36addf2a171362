package dev.portolan.proxy.sync;

import dev.portolan.proxy.config.GatewayConfig;
import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.config.ProxyConfigCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls the config from the control plane: {@code GET {url}/proxy/v1/config?wait=30s} with
 * {@code If-None-Match: "<version>"}; the control plane holds the request until the config changes or the wait
 * ends (304). On a 200 the body is a {@link ProxyConfigCodec} document and the ETag its version. Versions are
 * opaque: any version other than the one held is new (a restarted control plane or another replica is not "behind").
 * When the control plane is unreachable, answers an error or serves an invalid config, the source logs a WARN,
 * keeps the last good config and retries with exponential backoff. While the control plane is away or starting
 * (connection failed, 502/503/504, or 429 while it is busy reviewing tokens) the delay stays at most {@link #TRANSIENT_MAX_BACKOFF} (or its Retry-After, if
 * shorter), so a restarted control plane is heard from within a second; other failures back off to the maximum.
 *
 * <p>A proxy that serves one Gateway adds {@code &gateway=NAMESPACE%2FNAME} and gets a config holding only that
 * Gateway (none while it is not programmed). With a token file, every request carries
 * {@code Authorization: Bearer <token>}, the file read anew each time (Kubernetes rotates the token); a missing or
 * unreadable file, and a 401 or 403 answer, are failures like any other: logged, retried with backoff.
 */
public final class RemoteConfigSource implements ConfigSource {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteConfigSource.class);
    public static final String PATH = "/proxy/v1/config";
    /** The longest wait between polls while the control plane restarts: its changes must reach proxies promptly. */
    static final Duration TRANSIENT_MAX_BACKOFF = Duration.ofSeconds(1);

    private final URI configUri;
    private final GatewayRef gateway;
    private final TokenFile tokenFile;
    private final Duration wait;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final HttpClient client;
    private volatile Thread poller;
    private volatile boolean running;
    private volatile SyncStatus status = new SyncStatus(null, null, 0);
    private String etag;

    /**
     * @param controlPlaneUrl e.g. {@code http://127.0.0.1:8080}; {@link #PATH} is appended
     * @param wait            how long the control plane may hold a poll (sent as {@code ?wait=30s})
     * @param minBackoff      first retry delay after a failure, doubled per failure up to {@code maxBackoff}
     */
    public RemoteConfigSource(URI controlPlaneUrl, Duration wait, Duration minBackoff, Duration maxBackoff) {
        this(controlPlaneUrl, null, null, wait, minBackoff, maxBackoff);
    }

    /**
     * @param gateway   the only Gateway to ask for (sent as {@code gateway=NAMESPACE/NAME}), or null for all
     * @param tokenFile file holding the bearer token sent on every request, or null to send none
     */
    public RemoteConfigSource(URI controlPlaneUrl, GatewayRef gateway, Path tokenFile, Duration wait,
            Duration minBackoff, Duration maxBackoff) {
        this(controlPlaneUrl, gateway, tokenFile, null, wait, minBackoff, maxBackoff);
    }

    /** @param tls how https URLs are trusted ({@link TrustedCa}), or null for the JVM's default trust */
    public RemoteConfigSource(URI controlPlaneUrl, GatewayRef gateway, Path tokenFile, SSLContext tls, Duration wait,
            Duration minBackoff, Duration maxBackoff) {
        this.configUri = configUri(controlPlaneUrl, gateway, wait);
        this.gateway = gateway;
        this.tokenFile = tokenFile == null ? null : new TokenFile(tokenFile);
        this.wait = wait;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    public static RemoteConfigSource withDefaults(URI controlPlaneUrl) {
        return withDefaults(controlPlaneUrl, null, null);
    }

    /** 30 s long polls, backoff from 0.5 s to 30 s. */
    public static RemoteConfigSource withDefaults(URI controlPlaneUrl, GatewayRef gateway, Path tokenFile) {
        return withDefaults(controlPlaneUrl, gateway, tokenFile, null);
    }

    /** The same, trusting {@code tls} (e.g. only the control plane's CA) for an https URL. */
    public static RemoteConfigSource withDefaults(URI controlPlaneUrl, GatewayRef gateway, Path tokenFile,
                                                  SSLContext tls) {
        return new RemoteConfigSource(controlPlaneUrl, gateway, tokenFile, tls, Duration.ofSeconds(30),
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** {@code {base}/proxy/v1/config?wait=30s[&gateway=NAMESPACE%2FNAME]}. */
    static URI configUri(URI controlPlaneUrl, GatewayRef gateway, Duration wait) {
        String base = Objects.requireNonNull(controlPlaneUrl, "controlPlaneUrl").toString().replaceAll("/+$", "");
        String query = "wait=" + wait.toSeconds() + "s";
        if (gateway != null) {
            query += "&gateway=" + URLEncoder.encode(gateway.toString(), StandardCharsets.UTF_8);
        }
        return URI.create(base + PATH + "?" + query);
    }

    /** The URI polled, query included. */
    public URI configUri() {
        return configUri;
    }

    @Override
    public synchronized void start(ConfigSink sink) {
        if (poller != null) {
            throw new IllegalStateException("RemoteConfigSource for " + configUri + " is already started");
        }
        running = true;
        poller = new Thread(() -> pollLoop(sink), "portolan-config-sync");
        poller.setDaemon(true);
        poller.start();
    }

    public SyncStatus status() {
        return status;
    }

    /** What went wrong in one poll; {@code retryAfterMillis} is the delay asked for, or -1 for the backoff's. */
    private record Failure(String problem, boolean transientFailure, long retryAfterMillis) {
        static Failure of(String problem) {
            return new Failure(problem, false, -1);
        }
    }

    private void pollLoop(ConfigSink sink) {
        int failures = 0;
        while (running) {
            Failure failure = pollOnce(sink);
            if (failure == null) {
                failures = 0;
                continue;
            }
            failures++;
            String problem = failure.problem();
            status = new SyncStatus(status.lastGoodVersion(), problem, failures);
            long delay = delayMillis(failure, failures);
            LOG.warn("{}; keeping config version {}; retry {} in {} ms", problem, status.lastGoodVersion(), failures,
                    delay);
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long backoffMillis(int failures) {
        long delay = minBackoff.toMillis() << Math.min(failures - 1, 20);
        return Math.min(delay, maxBackoff.toMillis());
    }

    private long delayMillis(Failure failure, int failures) {
        long backoff = backoffMillis(failures);
        if (!failure.transientFailure()) {
            return backoff;
        }
        long transientCap = Math.min(backoff, TRANSIENT_MAX_BACKOFF.toMillis());
        if (failure.retryAfterMillis() < 0) {
            return transientCap;
        }
        // never sooner than the first backoff step: a "Retry-After: 0" must not make a busy loop
        long floor = Math.min(minBackoff.toMillis(), transientCap);
        return Math.max(Math.min(failure.retryAfterMillis(), transientCap), floor);
    }

    /** One poll; returns null on success (new config or unchanged), else what went wrong. */
    private Failure pollOnce(ConfigSink sink) {
        HttpRequest.Builder request = HttpRequest.newBuilder(configUri)
                .timeout(wait.plusSeconds(10))
                .header("Accept", "application/json");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (tokenFile != null) {
            try {
                request.header("Authorization", "Bearer " + tokenFile.read());
            } catch (IOException e) {
                return Failure.of(e.getMessage() + "; not asking " + configUri + " without it");
            }
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Failure("control plane " + configUri + " unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return null;
        }
        if (response.statusCode() == 304) {
            status = new SyncStatus(status.lastGoodVersion(), null, 0);
            return null;
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            return Failure.of(refusal(response));
        }
        if (response.statusCode() != 200) {
            String problem = "control plane " + configUri + " answered HTTP " + response.statusCode()
                    + detail(response);
            int code = response.statusCode();
            // 429: the control plane cannot check the token right now (its TokenReview budget); as brief as a restart
            boolean starting = code == 429 || code == 502 || code == 503 || code == 504;
            return new Failure(problem, starting, starting ? retryAfterMillis(response) : -1);
        }
        ProxyConfig config;
        try {
            config = ProxyConfigCodec.fromJson(response.body());
        } catch (RuntimeException e) {
            return Failure.of("control plane " + configUri + " served an invalid config: " + e.getMessage());
        }
        if (gateway != null) {
            config = onlyTheGateway(config);
        }
        try {
            sink.accept(config);
        } catch (RuntimeException e) {
            return Failure.of("config version " + config.version() + " from " + configUri + " was rejected: "
                    + e.getMessage());
        }
        // the version inside the config (checked to be a plain token) rather than the header as sent: an ETag with
        // control characters would make every later request unbuildable
        etag = "\"" + config.version() + "\"";
        status = new SyncStatus(config.version(), null, 0);
        LOG.info("config version {} from {} is live", config.version(), configUri);
        return null;
    }

    /**
     * A control plane that ignored the gateway parameter (an older one) sends every Gateway; serving them all would
     * answer for Gateways this proxy's Service does not front, so the others are dropped.
     */
    private ProxyConfig onlyTheGateway(ProxyConfig config) {
        List<GatewayConfig> mine = config.gateways().stream()
                .filter(g -> g.namespace().equals(gateway.namespace()) && g.name().equals(gateway.name()))
                .toList();
        if (mine.size() != config.gateways().size()) {
            LOG.warn("config version {} from {} holds {} Gateways other than {}; serving only {}", config.version(),
                    configUri, config.gateways().size() - mine.size(), gateway, gateway);
            return new ProxyConfig(config.version(), mine);
        }
        return config;
    }

    /** Retry-After in seconds (the date form is not used by Portolan's control plane), or -1. */
    private static long retryAfterMillis(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").strip();
        if (value.isEmpty() || value.length() > 6 || !value.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(value) * 1000;
    }

    private String refusal(HttpResponse<String> response) {
        String credentials = tokenFile == null
                ? "no token was sent: no token file is configured (--token-file)"
                : "the token came from " + tokenFile;
        String meaning = response.statusCode() == 401
                ? "the token was missing, invalid or expired"
                : "the token is valid but may not read this config";
        return "control plane " + configUri + " refused the config request: HTTP " + response.statusCode()
                + detail(response) + " (" + meaning + "; " + credentials + ")";
    }

    private static String detail(HttpResponse<String> response) {
        String detail = ProblemDetails.of(response.headers().firstValue("Content-Type").orElse(null),
                response.body());
        return detail == null ? "" : ": " + detail;
    }

    @Override
    public void close() {
        running = false;
        Thread thread = poller;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
