package dev.portolan.wiring;

import dev.portolan.threads.BackgroundThreads;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadFactory;

/**
 * The API's threads (Micronaut's executors and Netty event loops, all made by {@link ThreadFactory} beans) are
 * control-plane threads too: they lower themselves like the snapshot thread when embedded mode yields the CPU to its
 * proxy ({@link BackgroundThreads}). The proxy's own threads are Jetty's, not made by these beans.
 */
@Singleton
public class BackgroundMicronautThreads implements BeanCreatedEventListener<ThreadFactory> {
    @Override
    public ThreadFactory onCreated(BeanCreatedEvent<ThreadFactory> event) {
        return BackgroundThreads.wrap(event.getBean());
    }
}
