package dev.portolan.bench.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.ServerWebExchange;

/**
 * One route per bench port: a request that arrived on port P goes to the backend named for P, with no path or host
 * match, as the other targets of the bench do (one listener, one route each).
 */
@Configuration
class PortRoutes {

    @Bean
    RouteLocator benchRoutes(RouteLocatorBuilder builder, @Value("${bench.routes}") String spec) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Map.Entry<Integer, URI> entry : RouteSpec.parse(spec).entrySet()) {
            int port = entry.getKey();
            routes.route("port-" + port, r -> r.predicate(exchange -> localPort(exchange) == port)
                    .uri(entry.getValue()));
        }
        return routes.build();
    }

    private static int localPort(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        return local == null ? -1 : local.getPort();
    }
}
