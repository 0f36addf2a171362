package dev.portolan.bench.gateway;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Serves the gateway's own HttpHandler on every port of {@code bench.routes}, built as Spring Boot builds its
 * Netty server (HTTP/1.1, global event loops), so that each benchmark variant has a port of its own while one JVM
 * serves them all. Boot's server (server.port) only answers the script's readiness check.
 */
@Configuration
class PortServers implements ApplicationListener<ApplicationReadyEvent> {

    private final String host;
    private final String spec;
    private final List<DisposableServer> servers = new ArrayList<>();

    PortServers(@Value("${bench.host:127.0.0.1}") String host, @Value("${bench.routes}") String spec) {
        this.host = host;
        this.spec = spec;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        HttpHandler handler = event.getApplicationContext().getBean(HttpHandler.class);
        ReactorHttpHandlerAdapter adapter = new ReactorHttpHandlerAdapter(handler);
        for (int port : RouteSpec.parse(spec).keySet()) {
            servers.add(HttpServer.create().host(host).port(port).handle(adapter).bindNow());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(DisposableServer::disposeNow),
                "bench-ports-shutdown"));
        System.out.println("READY " + RouteSpec.parse(spec).keySet());
    }
}
