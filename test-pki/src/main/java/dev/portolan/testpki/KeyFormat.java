package dev.portolan.testpki;

/** How a private key is written as PEM. */
public enum KeyFormat {
    /** PKCS#8, {@code -----BEGIN PRIVATE KEY-----}, for RSA and EC alike. */
    PKCS8,
    /**
     * OpenSSL's "traditional" format: PKCS#1 ({@code RSA PRIVATE KEY}) for RSA keys, SEC1 ({@code EC PRIVATE KEY})
     * for EC keys.
     */
    TRADITIONAL
}
