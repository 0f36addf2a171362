package dev.portolan.bench.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Cloud Gateway with the routes of {@link PortRoutes}; all else is Spring Boot's and the gateway's default. */
@SpringBootApplication
public class BenchGateway {

    public static void main(String[] args) {
        SpringApplication.run(BenchGateway.class, args);
    }
}
