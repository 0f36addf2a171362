package dev.portolan.openapi;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An HttpClient for the generated client that reads each answer whole, checks it against the OpenAPI document
 * ({@link ContractValidator}) and fails the test with the document's complaints when it does not match; then hands
 * the same bytes to the caller's body handler.
 */
final class ContractCheckingHttpClient extends HttpClient {
    private final HttpClient delegate;
    private final ContractValidator contract;

    ContractCheckingHttpClient(HttpClient delegate, ContractValidator contract) {
        this.delegate = delegate;
        this.contract = contract;
    }

    /** A builder for ApiClient.setHttpClientBuilder: the default client, wrapped. */
    static HttpClient.Builder builder() {
        return new CheckingBuilder(HttpClient.newBuilder());
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return checked(delegate.send(request, HttpResponse.BodyHandlers.ofByteArray()), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(raw -> checked(raw, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return sendAsync(request, handler);
    }

    private <T> HttpResponse<T> checked(HttpResponse<byte[]> raw, HttpResponse.BodyHandler<T> handler) {
        String contentType = raw.headers().firstValue("Content-Type").orElse(null);
        String complaints = contract.check(raw.request().method(), raw.request().uri().getPath(), raw.statusCode(),
                contentType, raw.body());
        if (!complaints.isEmpty()) {
            throw new AssertionError("The answer to " + raw.request().method() + " " + raw.request().uri()
                    + " (" + raw.statusCode() + " " + contentType + ") is not what openapi/portolan.yaml says:\n"
                    + complaints + "\nbody: " + new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return new Replayed<>(raw, replay(raw, handler));
    }

    private static <T> T replay(HttpResponse<byte[]> raw, HttpResponse.BodyHandler<T> handler) {
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return raw.statusCode();
            }

            @Override
            public HttpHeaders headers() {
                return raw.headers();
            }

            @Override
            public Version version() {
                return raw.version();
            }
        });
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onNext(List.of(ByteBuffer.wrap(raw.body())));
        subscriber.onComplete();
        return subscriber.getBody().toCompletableFuture().join();
    }

    private record Replayed<T>(HttpResponse<byte[]> raw, T body) implements HttpResponse<T> {
        @Override
        public int statusCode() {
            return raw.statusCode();
        }

        @Override
        public HttpRequest request() {
            return raw.request();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return raw.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return raw.sslSession();
        }

        @Override
        public URI uri() {
            return raw.uri();
        }

        @Override
        public HttpClient.Version version() {
            return raw.version();
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    /** Configures the real client; build() wraps it. */
    private record CheckingBuilder(HttpClient.Builder real) implements HttpClient.Builder {
        @Override
        public Builder cookieHandler(CookieHandler cookieHandler) {
            real.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public Builder connectTimeout(Duration duration) {
            real.connectTimeout(duration);
            return this;
        }

        @Override
        public Builder sslContext(SSLContext sslContext) {
            real.sslContext(sslContext);
            return this;
        }

        @Override
        public Builder sslParameters(SSLParameters sslParameters) {
            real.sslParameters(sslParameters);
            return this;
        }

        @Override
        public Builder executor(Executor executor) {
            real.executor(executor);
            return this;
        }

        @Override
        public Builder followRedirects(Redirect policy) {
            real.followRedirects(policy);
            return this;
        }

        @Override
        public Builder version(Version version) {
            real.version(version);
            return this;
        }

        @Override
        public Builder priority(int priority) {
            real.priority(priority);
            return this;
        }

        @Override
        public Builder proxy(ProxySelector proxySelector) {
            real.proxy(proxySelector);
            return this;
        }

        @Override
        public Builder authenticator(Authenticator authenticator) {
            real.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient build() {
            return new ContractCheckingHttpClient(real.build(), ContractValidator.shared());
        }
    }
}
