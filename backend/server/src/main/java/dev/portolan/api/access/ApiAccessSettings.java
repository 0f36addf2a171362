package dev.portolan.api.access;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** {@code portolan.api.*}: who may read and write through the API, the dashboard and the proxy config endpoint. */
@ConfigurationProperties("portolan.api")
public class ApiAccessSettings {
    private String writeToken = "";
    private boolean openReads;
    private boolean trustLoopback = true;
    private String tokensFile = "";
    private List<String> allowedHosts = List.of();
    private Boolean allowIpHosts;

    /** The editor token named {@code write-token}; empty means "generate one at start and print it". */
    public String getWriteToken() {
        return writeToken;
    }

    public void setWriteToken(String writeToken) {
        this.writeToken = writeToken == null ? "" : writeToken;
    }

    /**
     * Whether reads are open to every client that passes the Host check (principal {@code anonymous}); by default
     * only loopback clients and token holders read. Proxy configs still need a token.
     */
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

    /** File of {@code NAME ROLE TOKEN} lines (see {@link TokensFile}), read again when it changes; empty = none. */
    public String getTokensFile() {
        return tokensFile;
    }

    public void setTokensFile(String tokensFile) {
        this.tokensFile = tokensFile == null ? "" : tokensFile.strip();
    }

    /**
     * Host names (without port) requests may be addressed to, beyond localhost, 127.0.0.1 and [::1]; {@code *}
     * allows every name (only behind a proxy that checks Host itself). Other Hosts get 421: a page of another site
     * whose name was made to resolve to this server (DNS rebinding) cannot read through the victim's browser.
     */
    public List<String> getAllowedHosts() {
        return allowedHosts;
    }

    public void setAllowedHosts(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    /**
     * Whether a Host that is an IP address literal (any address) is allowed: such a Host cannot come from a rebound
     * DNS name. Null = the mode's default: true in Kubernetes mode (proxies, kubelet probes and peers address pods
     * by IP), false in embedded mode.
     */
    @Nullable
    public Boolean getAllowIpHosts() {
        return allowIpHosts;
    }

    public void setAllowIpHosts(@Nullable Boolean allowIpHosts) {
        this.allowIpHosts = allowIpHosts;
    }
}
