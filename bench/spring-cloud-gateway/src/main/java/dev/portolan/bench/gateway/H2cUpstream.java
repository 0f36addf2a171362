package dev.portolan.bench.gateway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.HttpProtocol;

/**
 * {@code bench.upstream=h2c}: the gateway's one upstream client speaks HTTP/2 with prior knowledge. The gateway
 * has a single client for all routes, so the bench runs a second gateway JVM for its h2c variant.
 */
@Configuration
@ConditionalOnProperty(name = "bench.upstream", havingValue = "h2c")
class H2cUpstream {

    @Bean
    HttpClientCustomizer h2cPriorKnowledge() {
        return client -> client.protocol(HttpProtocol.H2C);
    }
}
