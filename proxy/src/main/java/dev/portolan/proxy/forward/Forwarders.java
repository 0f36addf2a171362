package dev.portolan.proxy.forward;

import dev.portolan.proxy.config.ProxyConfig;
import java.util.Iterator;
import java.util.ServiceLoader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the Forwarder of this build ({@code META-INF/services/dev.portolan.proxy.forward.Forwarder}). */
public final class Forwarders {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarders.class);

    private Forwarders() {
    }

    public static Forwarder load() {
        Iterator<Forwarder> found = ServiceLoader.load(Forwarder.class).iterator();
        if (found.hasNext()) {
            return found.next();
        }
        LOG.error("no Forwarder implementation on the class path (META-INF/services/{}); matched requests will "
                + "answer 502", Forwarder.class.getName());
        return new MissingForwarder();
    }

    /** Makes a build without a forwarder visible on every request instead of failing silently. */
    private static final class MissingForwarder implements Forwarder {
        @Override
        public void prepare(ProxyConfig config) {
        }

        @Override
        public void forward(Request request, Response response, Callback callback, MatchedRule matched) {
            Response.writeError(request, response, callback, 502, "no Forwarder in this build; matched "
                    + matched.match());
        }

        @Override
        public void close() {
        }
    }
}
