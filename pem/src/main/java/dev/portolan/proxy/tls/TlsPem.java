package dev.portolan.proxy.tls;

import dev.portolan.proxy.tls.TlsPemException.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one reader of TLS material shared by the control plane (which validates Secrets and CA bundles) and the proxy
 * (which serves them), so that what one accepts the other can serve. JDK APIs only. Certificates: every PEM block
 * must be an X.509 CERTIFICATE. Keys: PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519), PKCS#1 ({@code RSA PRIVATE
 * KEY}) and SEC1 ({@code EC PRIVATE KEY}); the key must be of the leaf certificate's algorithm and belong to its
 * public key.
 */
public final class TlsPem {
    static final String KEY_TYPES = "expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY; encrypted keys are not "
            + "supported";
    private static final byte[] CHALLENGE = "portolan key check".getBytes(StandardCharsets.US_ASCII);

    /** A certificate chain (leaf first) and the leaf's private key. */
    public record Identity(List<X509Certificate> chain, PrivateKey key) {
        public Identity {
            chain = List.copyOf(chain);
        }
    }

    /** Trusted CA certificates and their PEM blocks re-joined without the text around them. */
    public record CaBundle(List<X509Certificate> certificates, String pem) {
        public CaBundle {
            certificates = List.copyOf(certificates);
        }
    }

    private TlsPem() {
    }

    /** @throws TlsPemException (CERTIFICATE_CHAIN, then PRIVATE_KEY) naming what is wrong */
    public static Identity identity(String chainPem, String keyPem) {
        List<X509Certificate> chain = certificates(chainPem, Part.CERTIFICATE_CHAIN);
        return new Identity(chain, privateKey(keyPem, chain.get(0)));
    }

    /** The certificates of a chain, leaf first; at least one. */
    public static List<X509Certificate> certificateChain(String pem) {
        return certificates(pem, Part.CERTIFICATE_CHAIN);
    }

    /** A CA bundle: at least one certificate, and every block must be one (a damaged block refuses the bundle). */
    public static CaBundle caBundle(String pem) {
        List<PemBlocks.Block> blocks = PemBlocks.read(pem, Part.CA_BUNDLE);
        List<X509Certificate> certificates = certificates(blocks, Part.CA_BUNDLE);
        StringBuilder text = new StringBuilder();
        blocks.forEach(block -> text.append(block.text().strip()).append('\n'));
        return new CaBundle(certificates, text.toString());
    }

    /**
     * The private key of {@code leaf}.
     *
     * @throws TlsPemException (PRIVATE_KEY) when the key cannot be read, is of another algorithm than the
     *                         certificate's, or does not belong to the certificate's public key
     */
    public static PrivateKey privateKey(String pem, X509Certificate leaf) {
        PemBlocks.Block block = keyBlock(PemBlocks.read(pem, Part.PRIVATE_KEY));
        PublicKey publicKey = leaf.getPublicKey();
        String expected = family(publicKey.getAlgorithm());
        PrivateKey key = switch (block.type()) {
            case "PRIVATE KEY" -> pkcs8(block.der(), expected);
            case "RSA PRIVATE KEY" -> {
                requireFamily("RSA", expected);
                yield generate("RSA", guarded(() -> Der.pkcs8FromPkcs1(block.der())), "RSA PRIVATE KEY");
            }
            case "EC PRIVATE KEY" -> {
                requireFamily("EC", expected);
                byte[] curve = guarded(() -> Der.sec1CurveOid(block.der()));
                byte[] oid = curve != null ? curve : curveOf(publicKey);
                yield generate("EC", guarded(() -> Der.pkcs8FromSec1(block.der(), oid)), "EC PRIVATE KEY");
            }
            default -> throw new TlsPemException(Part.PRIVATE_KEY, "unsupported key type '"
                    + PemBlocks.printable(block.type()) + "' (" + KEY_TYPES + ")");
        };
        if (!belongsTo(key, publicKey)) {
            throw new TlsPemException(Part.PRIVATE_KEY, "private key does not match the certificate");
        }
        return key;
    }

    private static List<X509Certificate> certificates(String pem, Part part) {
        return certificates(PemBlocks.read(pem, part), part);
    }

    private static List<X509Certificate> certificates(List<PemBlocks.Block> blocks, Part part) {
        if (blocks.isEmpty()) {
            throw new TlsPemException(part, "holds no PEM certificate (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory = x509Factory();
        for (int i = 0; i < blocks.size(); i++) {
            PemBlocks.Block block = blocks.get(i);
            if (!block.type().equals("CERTIFICATE")) {
                throw new TlsPemException(part, "block " + i + " is " + PemBlocks.printable(block.type())
                        + ", expected CERTIFICATE");
            }
            try {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException | RuntimeException e) {
                // RuntimeException: hostile DER can trip the JDK's parser in ways it does not wrap
                throw new TlsPemException(part, "certificate " + i + " is not a valid X.509 certificate", e);
            }
        }
        return out;
    }

    /** Exactly one key block; OpenSSL's EC PARAMETERS block (written by {@code ecparam -genkey}) is skipped. */
    private static PemBlocks.Block keyBlock(List<PemBlocks.Block> blocks) {
        List<PemBlocks.Block> keys = blocks.stream().filter(b -> !b.type().equals("EC PARAMETERS")).toList();
        if (keys.isEmpty()) {
            throw new TlsPemException(Part.PRIVATE_KEY, "holds no PEM private key block (" + KEY_TYPES + ")");
        }
        if (keys.size() > 1) {
            throw new TlsPemException(Part.PRIVATE_KEY, "holds " + keys.size() + " PEM blocks, expected one "
                    + "private key");
        }
        return keys.get(0);
    }

    private static PrivateKey pkcs8(byte[] der, String expected) {
        try {
            return KeyFactory.getInstance(expected).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            for (String other : List.of("RSA", "EC", "EdDSA")) {
                if (!other.equals(expected) && readsAs(other, der)) {
                    throw new TlsPemException(Part.PRIVATE_KEY, "private key is " + other
                            + " but the certificate's public key is " + expected
                            + "; private key does not match the certificate");
                }
            }
            throw new TlsPemException(Part.PRIVATE_KEY, "PRIVATE KEY is not a valid PKCS#8 " + expected + " key", e);
        }
    }

    private static boolean readsAs(String algorithm, byte[] der) {
        try {
            KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static PrivateKey generate(String algorithm, byte[] pkcs8, String type) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsPemException(Part.PRIVATE_KEY, type + " is not a valid " + algorithm + " key", e);
        }
    }

    private static void requireFamily(String key, String certificate) {
        if (!key.equals(certificate)) {
            throw new TlsPemException(Part.PRIVATE_KEY, "private key is " + key + " but the certificate's public key "
                    + "is " + certificate + "; private key does not match the certificate");
        }
    }

    private static byte[] curveOf(PublicKey publicKey) {
        if (!(publicKey instanceof ECPublicKey ec)) {
            throw new TlsPemException(Part.PRIVATE_KEY, "EC PRIVATE KEY names no curve and the certificate's key is "
                    + publicKey.getAlgorithm());
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(ec.getParams());
            return parameters.getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsPemException(Part.PRIVATE_KEY, "the certificate's EC curve is not a named curve", e);
        }
    }

    /** RSA: same modulus (and exponent); others: a signature by the key verifies with the certificate's key. */
    static boolean belongsTo(PrivateKey key, PublicKey publicKey) {
        if (key instanceof RSAPrivateKey rsa && publicKey instanceof RSAPublicKey rsaPublic) {
            return rsa.getModulus().equals(rsaPublic.getModulus())
                    && (!(key instanceof RSAPrivateCrtKey crt)
                        || crt.getPublicExponent().equals(rsaPublic.getPublicExponent()));
        }
        String algorithm = switch (family(publicKey.getAlgorithm())) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(CHALLENGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The JDK names Ed25519 certificate keys "EdDSA" or "Ed25519" depending on the provider. */
    private static String family(String algorithm) {
        String upper = algorithm.toUpperCase(Locale.ROOT);
        if (upper.equals("RSA") || upper.equals("EC")) {
            return upper;
        }
        if (upper.equals("EDDSA") || upper.equals("ED25519") || upper.equals("ED448")) {
            return "EdDSA";
        }
        throw new TlsPemException(Part.CERTIFICATE_CHAIN, "the certificate's key algorithm " + algorithm
                + " is not supported (RSA, EC or Ed25519)");
    }

    private static <T> T guarded(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new TlsPemException(Part.PRIVATE_KEY, "private key is not valid DER", e);
        }
    }

    private static CertificateFactory x509Factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }
}
