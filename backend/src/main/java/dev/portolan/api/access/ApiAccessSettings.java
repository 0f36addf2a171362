package dev.portolan.api.access;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code portolan.api.*}: who may read and write through the API. */
@ConfigurationProperties("portolan.api")
public class ApiAccessSettings {
    private String writeToken = "";
    private boolean openReads;
    private boolean trustLoopback = true;

    /** Bearer token that writes need; empty means "generate one at start and print it". */
    public String getWriteToken() {
        return writeToken;
    }

    public void setWriteToken(String writeToken) {
        this.writeToken = writeToken == null ? "" : writeToken;
    }

    /** Whether reads are open to every address; by default only loopback clients (or token holders) may read. */
    public boolean isOpenReads() {
        return openReads;
    }

    public void setOpenReads(boolean openReads) {
        this.openReads = openReads;
    }

    /**
     * Whether loopback clients may read without a token (default). Turn off when a sidecar (service mesh, auth proxy)
     * fronts Portolan: then every request arrives from loopback.
     */
    public boolean isTrustLoopback() {
        return trustLoopback;
    }

    public void setTrustLoopback(boolean trustLoopback) {
        this.trustLoopback = trustLoopback;
    }
}
