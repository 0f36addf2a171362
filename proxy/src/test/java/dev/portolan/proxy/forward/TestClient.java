package dev.portolan.proxy.forward;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;

/** A plain Jetty client for tests: no redirects followed, no cookies, any Host header allowed. */
final class TestClient implements AutoCloseable {

    private final HttpClient client = new HttpClient();

    TestClient() throws Exception {
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.start();
    }

    Request request(String baseUrl, String method, String pathAndQuery, Map<String, String> headers) {
        Request request = client.newRequest(baseUrl + pathAndQuery).method(method).timeout(20, TimeUnit.SECONDS);
        request.headers(h -> headers.forEach(h::add));
        return request;
    }

    ContentResponse get(String baseUrl, String pathAndQuery, Map<String, String> headers) throws Exception {
        return request(baseUrl, "GET", pathAndQuery, headers).send();
    }

    ContentResponse get(String baseUrl, String pathAndQuery) throws Exception {
        return get(baseUrl, pathAndQuery, Map.of());
    }

    HttpClient jetty() {
        return client;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
