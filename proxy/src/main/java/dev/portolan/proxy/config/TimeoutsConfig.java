package dev.portolan.proxy.config;

import java.time.Duration;

/**
 * Rule timeouts. Null or zero means no timeout.
 *
 * @param request bounds the whole exchange including retries
 * @param backendRequest bounds one upstream attempt
 */
public record TimeoutsConfig(Duration request, Duration backendRequest) {
    public TimeoutsConfig {
        if (request != null && request.isNegative()) {
            throw new IllegalArgumentException("TimeoutsConfig.request must not be negative, got " + request);
        }
        if (backendRequest != null && backendRequest.isNegative()) {
            throw new IllegalArgumentException("TimeoutsConfig.backendRequest must not be negative, got "
                    + backendRequest);
        }
    }
}
