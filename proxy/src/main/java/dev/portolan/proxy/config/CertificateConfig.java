package dev.portolan.proxy.config;

/** A serving certificate: PEM chain (leaf first) and its PEM private key. */
public record CertificateConfig(String certificateChainPem, String privateKeyPem) {
    public CertificateConfig {
        Checks.requiredText(certificateChainPem, "CertificateConfig", "certificateChainPem");
        Checks.requiredText(privateKeyPem, "CertificateConfig", "privateKeyPem");
    }

    /** Never prints the private key (records would by default). */
    @Override
    public String toString() {
        return "CertificateConfig[certificateChainPem=" + certificateChainPem.length() + " chars, privateKeyPem=<redacted>]";
    }
}
