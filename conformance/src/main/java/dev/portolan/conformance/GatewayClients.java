package dev.portolan.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;

/** Opens a {@link GatewayClient} for a request: the listener address from the implementation, trust from the named Secret. */
final class GatewayClients {
    private final PortolanUnderTest portolan;
    private final Duration requestTimeout;

    GatewayClients(PortolanUnderTest portolan, Duration requestTimeout) {
        this.portolan = portolan;
        this.requestTimeout = requestTimeout;
    }

    GatewayClient open(GatewayRequest request) {
        KeyStore trust = null;
        if (request.trustSecret() != null) {
            ObjectNode secret = portolan.object(request.trustSecret())
                    .orElseThrow(() -> new AssertionError(request.trustSecret() + " (trusted certificate) does not exist"));
            String crt = secret.path("data").path("tls.crt").asText("");
            if (crt.isEmpty()) {
                throw new AssertionError(request.trustSecret() + " data[\"tls.crt\"] is empty");
            }
            trust = TrustedCertificates.of(request.trustSecret() + " tls.crt",
                    new String(Base64.getDecoder().decode(crt), StandardCharsets.US_ASCII));
        }
        return new GatewayClient(portolan.listenerAddress(request.gateway(), request.specPort()), trust, requestTimeout);
    }
}
