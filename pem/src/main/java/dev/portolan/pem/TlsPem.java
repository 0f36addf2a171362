package dev.portolan.pem;

import dev.portolan.pem.TlsPemException.Part;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The one reader of TLS material shared by the control plane (which validates Secrets and CA bundles), the proxy
 * (which serves them) and the test echo server, so that what one accepts the other can serve. {@link PemBlocks} cuts
 * the text into blocks (bounded, with messages naming the block); BouncyCastle's {@link PEMParser} reads each block;
 * the keys and certificates are the JDK's own types. Certificates: every PEM block must be an X.509 CERTIFICATE. Keys: PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519), PKCS#1 ({@code RSA PRIVATE
 * KEY}) and SEC1 ({@code EC PRIVATE KEY}); the key must be of the leaf certificate's algorithm and belong to its
 * public key.
 */
public final class TlsPem {
    static final String KEY_TYPES = "expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY; encrypted keys are not "
            + "supported";
    private static final byte[] CHALLENGE = "portolan key check".getBytes(StandardCharsets.US_ASCII);
    /** Without a provider argument both converters make the JDK's own certificate and key types. */
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

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
            case "PRIVATE KEY" -> pkcs8(block, expected);
            case "RSA PRIVATE KEY" -> {
                requireFamily("RSA", expected);
                yield traditional(block, "RSA", null);
            }
            case "EC PRIVATE KEY" -> {
                requireFamily("EC", expected);
                yield traditional(block, "EC", publicKey);
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
        for (int i = 0; i < blocks.size(); i++) {
            PemBlocks.Block block = blocks.get(i);
            if (!block.type().equals("CERTIFICATE")) {
                throw new TlsPemException(part, "block " + i + " is " + PemBlocks.printable(block.type())
                        + ", expected CERTIFICATE");
            }
            try {
                out.add(CERTIFICATES.getCertificate((X509CertificateHolder) parse(block)));
            } catch (IOException | CertificateException | RuntimeException e) {
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

    /** PKCS#8: the key's own algorithm identifier says what it is; one of another family is a mismatch. */
    private static PrivateKey pkcs8(PemBlocks.Block block, String expected) {
        PrivateKey key;
        try {
            key = KEYS.getPrivateKey((PrivateKeyInfo) parse(block));
        } catch (IOException | RuntimeException e) {
            throw new TlsPemException(Part.PRIVATE_KEY, "PRIVATE KEY is not a valid PKCS#8 " + expected + " key", e);
        }
        String actual = familyOrNull(key.getAlgorithm());
        if (actual == null) {
            throw new TlsPemException(Part.PRIVATE_KEY, "PRIVATE KEY is not a valid PKCS#8 " + expected + " key");
        }
        if (!actual.equals(expected)) {
            throw new TlsPemException(Part.PRIVATE_KEY, "private key is " + actual
                    + " but the certificate's public key is " + expected
                    + "; private key does not match the certificate");
        }
        return key;
    }

    /**
     * PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}). A SEC1 key without its curve (some tools
     * leave it out) takes the certificate's.
     */
    private static PrivateKey traditional(PemBlocks.Block block, String algorithm, PublicKey certificateKey) {
        try {
            PrivateKeyInfo info = ((PEMKeyPair) parse(block)).getPrivateKeyInfo();
            AlgorithmIdentifier id = info.getPrivateKeyAlgorithm();
            if (certificateKey != null && id.getParameters() == null) {
                ASN1Encodable curve = SubjectPublicKeyInfo.getInstance(certificateKey.getEncoded()).getAlgorithm()
                        .getParameters();
                info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                        info.parsePrivateKey());
            }
            return KEYS.getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new TlsPemException(Part.PRIVATE_KEY, block.type() + " is not a valid " + algorithm + " key", e);
        }
    }

    /**
     * One block through BouncyCastle's {@link PEMParser}, which knows every PEM type involved; the block was already
     * cut and decoded by {@link PemBlocks}, so the parser reads it from there instead of from text.
     */
    private static Object parse(PemBlocks.Block block) throws IOException {
        try (PEMParser parser = new PEMParser(Reader.nullReader()) {
            private boolean read;

            @Override
            public PemObject readPemObject() {
                if (read) {
                    return null;
                }
                read = true;
                return new PemObject(block.type(), block.der());
            }
        }) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new IOException("no " + block.type());
            }
            return parsed;
        }
    }

    private static void requireFamily(String key, String certificate) {
        if (!key.equals(certificate)) {
            throw new TlsPemException(Part.PRIVATE_KEY, "private key is " + key + " but the certificate's public key "
                    + "is " + certificate + "; private key does not match the certificate");
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
        String family = familyOrNull(algorithm);
        if (family == null) {
            throw new TlsPemException(Part.CERTIFICATE_CHAIN, "the certificate's key algorithm " + algorithm
                    + " is not supported (RSA, EC or Ed25519)");
        }
        return family;
    }

    private static String familyOrNull(String algorithm) {
        String upper = algorithm.toUpperCase(Locale.ROOT);
        if (upper.equals("RSA") || upper.equals("EC")) {
            return upper;
        }
        if (upper.equals("EDDSA") || upper.equals("ED25519") || upper.equals("ED448")) {
            return "EdDSA";
        }
        return null;
    }
}
