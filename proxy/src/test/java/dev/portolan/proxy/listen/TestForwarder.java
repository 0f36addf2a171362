package dev.portolan.proxy.listen;

import dev.portolan.proxy.config.ProxyConfig;
import dev.portolan.proxy.forward.Forwarder;
import dev.portolan.proxy.forward.MatchedRule;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers 200 and tells in headers what matched, so tests can see the listener side's decision. */
public final class TestForwarder implements Forwarder {
    public final AtomicInteger prepared = new AtomicInteger();

    @Override
    public void prepare(ProxyConfig config) {
        prepared.incrementAndGet();
    }

    @Override
    public void forward(Request request, Response response, Callback callback, MatchedRule matched) {
        response.setStatus(200);
        response.getHeaders().put("X-Gateway", matched.gateway().namespace() + "/" + matched.gateway().name());
        response.getHeaders().put("X-Listener", matched.match().listener().name());
        response.getHeaders().put("X-Route", matched.match().route().key());
        response.getHeaders().put("X-Rule", String.valueOf(matched.match().rule().name()));
        response.getHeaders().put("X-Version", String.valueOf(matched.configVersion()));
        response.getHeaders().put("X-Spec-Port", String.valueOf(matched.specPort()));
        response.getHeaders().put("X-Secure", String.valueOf(matched.secure()));
        Content.Sink.write(response, true, "ok " + matched.match().route().key() + "\n", callback);
    }

    @Override
    public void close() {
    }
}
