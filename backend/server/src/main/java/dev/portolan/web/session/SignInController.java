package dev.portolan.web.session;

import dev.portolan.api.access.ApiTokens;
import dev.portolan.api.access.BrowserSessions;
import dev.portolan.api.access.RequestCredentials;
import dev.portolan.api.access.TokenGuessLimit;
import dev.portolan.web.PageModel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Browsers sign in once: a plain form takes a token (no script needed), checks it, and sets an HttpOnly,
 * SameSite=Strict session cookie mapping server-side to the token. Signing out ends the session.
 */
@Hidden
@Controller("/ui")
public class SignInController {
    public static final String PATH = "/ui/sign-in";
    /** Where to go back to: a path of this site only (never {@code //host} or {@code /\host}). */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[\\x21-\\x7e]*");
    private static final String VIEW = "session/sign-in";

    private final PageModel pages;
    private final ApiTokens tokens;
    private final BrowserSessions sessions = BrowserSessions.shared();
    private final TokenGuessLimit guesses;

    public SignInController(PageModel pages, ApiTokens tokens, TokenGuessLimit guesses) {
        this.pages = pages;
        this.tokens = tokens;
        this.guesses = guesses;
    }

    @Get(value = "/sign-in", produces = MediaType.TEXT_HTML)
    public HttpResponse<ModelAndView<Map<String, Object>>> form(HttpRequest<?> request,
                                                                @QueryValue @Nullable String next) {
        return HttpResponse.ok(view(request, next, null));
    }

    @Post(value = "/sign-in", produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> signIn(HttpRequest<?> request, @Nullable String token, @Nullable String next) {
        String offered = token == null ? "" : token.strip();
        OptionalLong wait = guesses.retryAfterSeconds(request.getRemoteAddress());
        if (wait.isPresent()) {
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.getAsLong()))
                    .body(view(request, next, "Too many wrong tokens from your address: try again in "
                            + wait.getAsLong() + " s."));
        }
        if (!isValid(offered)) {
            if (!offered.isEmpty()) { // an empty form is a slip, not a guess
                guesses.failed(request.getRemoteAddress());
            }
            return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                    .body(view(request, next, "That token is not valid. Use the token Portolan printed at start "
                            + "(or the one set with portolan.api.write-token)."));
        }
        RequestCredentials.session(request).ifPresent(old -> sessions.end(old.id()));
        BrowserSessions.Session session = sessions.start(offered);
        return HttpResponse.seeOther(URI.create(safeNext(next)))
                .cookie(cookie(request, BrowserSessions.SESSION_COOKIE, session.id(), true))
                .cookie(cookie(request, BrowserSessions.CSRF_COOKIE, session.csrfToken(), false));
    }

    @Post(value = "/sign-out", produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> signOut(HttpRequest<?> request, @Nullable String csrf) {
        Optional<BrowserSessions.Session> session = RequestCredentials.session(request);
        if (session.isPresent()) {
            if (!CsrfFilter.matches(csrf, session.get().csrfToken())) {
                return HttpResponse.status(HttpStatus.FORBIDDEN)
                        .body(view(request, null, "Sign-out refused: the form's CSRF token is missing or wrong."));
            }
            sessions.end(session.get().id());
        }
        return HttpResponse.seeOther(URI.create(PATH))
                .cookie(expired(request, BrowserSessions.SESSION_COOKIE, true))
                .cookie(expired(request, BrowserSessions.CSRF_COOKIE, false));
    }

    /** Checks the offered token as the access rule would; merge: ask the role-aware token store. */
    private boolean isValid(String token) {
        return !token.isEmpty() && tokens.authenticate(token).isPresent();
    }

    private ModelAndView<Map<String, Object>> view(HttpRequest<?> request, @Nullable String next,
                                                   @Nullable String problem) {
        Map<String, Object> model = pages.page("sign-in");
        model.put("next", safeNext(next));
        model.put("problem", problem);
        RequestCredentials.session(request).ifPresent(session -> model.put("csrf", session.csrfToken()));
        return new ModelAndView<>(VIEW, model);
    }

    static String safeNext(@Nullable String next) {
        return next != null && next.length() <= 2048 && LOCAL_PATH.matcher(next).matches() ? next : "/";
    }

    /** A browser-session cookie (no Max-Age): the server ends the session after the idle timeout anyway. */
    private static Cookie cookie(HttpRequest<?> request, String name, String value, boolean httpOnly) {
        return Cookie.of(name, value).path("/").httpOnly(httpOnly).sameSite(SameSite.Strict)
                .secure(request.isSecure());
    }

    private static Cookie expired(HttpRequest<?> request, String name, boolean httpOnly) {
        return cookie(request, name, "", httpOnly).maxAge(0);
    }
}
