package dev.portolan.proxy.sync;

import dev.portolan.proxy.config.ProxyConfig;
import java.util.Objects;

/**
 * The embedded control plane's side: {@link #publish} hands a config straight to the sink on the caller's
 * thread, so the caller sees rejections as exceptions.
 */
public final class InProcessConfigSource implements ConfigSource {
    private volatile ConfigSink sink;

    @Override
    public void start(ConfigSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** @throws IllegalStateException before {@link #start} or after {@link #close} */
    public void publish(ProxyConfig config) {
        ConfigSink current = sink;
        if (current == null) {
            throw new IllegalStateException("config version " + config.version()
                    + " published to an in-process source that is not started");
        }
        current.accept(config);
    }

    @Override
    public void close() {
        sink = null;
    }
}
