package dev.portolan.api.audit;

import dev.portolan.api.access.RequestCredentials;
import dev.portolan.api.write.WriteResult;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/**
 * Records every write request once its answer is known: one entry per object written, or one "refused" entry with
 * the status when the write was refused anywhere (CSRF, access rule, validation, precondition). Dry runs and
 * traces change nothing and are not recorded.
 */
@ServerFilter("/api/**")
public class AuditFilter implements Ordered {
    /** Set by the access rule: the name of the token (or account) the request authenticated as. */
    public static final String PRINCIPAL = "portolan.principal";

    private final AuditLog log;
    private final Clock clock = Clock.systemUTC();

    public AuditFilter(AuditLog log) {
        this.log = log;
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!isWrite(request)) {
            return;
        }
        String principal = request.getAttribute(PRINCIPAL).map(String::valueOf).orElse("unknown");
        String client = client(request);
        String action = request.getMethod() == HttpMethod.DELETE ? "delete"
                : request.getPath().equals("/api/v1/apply") ? "apply" : request.getMethod().name().toLowerCase();
        int status = response.code();
        String via = RequestCredentials.bearer(request).isPresent() ? "bearer"
                : RequestCredentials.session(request).isPresent() ? "session" : "none";
        List<?> results = request.getAttribute(WriteResult.REQUEST_ATTRIBUTE, List.class).orElse(List.of());
        if (status >= 400 || results.isEmpty()) {
            log.record(new AuditEntry(clock.instant(), principal, client, action, request.getPath(),
                    status >= 400 ? AuditEntry.REFUSED : "none", status, via));
            return;
        }
        for (Object item : results) {
            WriteResult result = (WriteResult) item;
            log.record(new AuditEntry(clock.instant(), principal, client, action, result.object().toString(),
                    result.action(), status, via));
        }
    }

    static boolean isWrite(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.TRACE) {
            return false;
        }
        String path = request.getPath();
        boolean dryRun = path.equals("/api/v1/analyze") || path.equals("/api/v1/trace")
                || (path.equals("/api/v1/apply") && request.getParameters().get("dryRun", Boolean.class)
                .orElse(false));
        return !dryRun;
    }

    private static String client(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        return -300; // outermost of the API's filters: it sees the refusals of all the others
    }
}
