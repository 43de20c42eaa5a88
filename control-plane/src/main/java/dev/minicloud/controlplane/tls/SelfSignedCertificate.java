package dev.minicloud.controlplane.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A self-signed RSA 2048 / SHA256withRSA certificate for the control plane's HTTPS endpoint that is
 * also its own CA, so the same PEM file is the clients' CA bundle ({@code aws --ca-bundle},
 * botocore/requests {@code verify}, a Java trust store).
 *
 * <p>It carries what strict verifiers ask of a trust anchor (OpenSSL's {@code -x509_strict}, which
 * Python 3.13 enables by default): critical BasicConstraints CA:true, critical KeyUsage
 * (digitalSignature, keyEncipherment, keyCertSign), subject and authority key identifiers, and
 * ExtendedKeyUsage serverAuth. Validity is {@link #DEFAULT_VALIDITY} (Apple platforms reject TLS
 * server certificates valid for longer); {@link TlsMaterial} regenerates it before it expires.
 *
 * <p>Keys and signatures use the JDK's providers; BouncyCastle only builds and encodes, and is not
 * registered as a security provider.
 */
public final class SelfSignedCertificate {

    /** Total validity, the most Apple platforms accept for a TLS server certificate. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(825);
    /** Backdating of notBefore, for clients whose clocks lag. */
    public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);
    /** The subject's common name. */
    public static final String COMMON_NAME = "MiniCloud";
    /** RSA modulus size. */
    public static final int RSA_KEY_BITS = 2048;
    /** Signature algorithm (accepted by every OpenSSL, botocore and JDK client). */
    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** Generates a certificate for the default loopback names plus {@code extraHosts}. */
    public static SelfSignedCertificate generate(List<String> extraHosts) {
        return generate(extraHosts, Clock.systemUTC());
    }

    /**
     * Generates a certificate valid from {@code clock}'s now (less {@link #CLOCK_SKEW_ALLOWANCE})
     * for {@link #DEFAULT_VALIDITY}, naming localhost, *.localhost, 127.0.0.1, ::1 and
     * {@code extraHosts} (DNS names, each also as a {@code *.} wildcard, or IP literals).
     *
     * @throws IllegalArgumentException if an extra host is neither an IP literal nor a DNS name
     */
    public static SelfSignedCertificate generate(List<String> extraHosts, Clock clock) {
        Objects.requireNonNull(extraHosts, "extraHosts");
        HostNames names = HostNames.of(extraHosts);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_KEY_BITS, RANDOM);
            KeyPair keyPair = generator.generateKeyPair();

            // Unique per installation, so two MiniCloud CAs trusted side by side never share a name.
            byte[] installationId = new byte[4];
            RANDOM.nextBytes(installationId);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, COMMON_NAME)
                    .addRDN(BCStyle.O, "MiniCloud")
                    .addRDN(BCStyle.OU, "self-signed " + HexFormat.of().formatHex(installationId))
                    .build();
            Instant notBefore = clock.instant().minus(CLOCK_SKEW_ALLOWANCE);
            Instant notAfter = notBefore.plus(DEFAULT_VALIDITY);
            BigInteger serial = new BigInteger(159, RANDOM).setBit(0); // positive, < 20 octets, non-zero

            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject, serial, Date.from(notBefore), Date.from(notAfter), subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(
                            KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(keyPair.getPublic()))
                    .addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            certificate.verify(keyPair.getPublic());
            return new SelfSignedCertificate(certificate, keyPair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a certificate extension", e);
        }
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate's private key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate as PEM ({@code BEGIN CERTIFICATE}). */
    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), as Vert.x reads it. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded()); // the JDK encodes private keys as PKCS#8
    }

    private static GeneralNames subjectAlternativeNames(HostNames names) {
        List<GeneralName> general = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            general.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : names.ipAddresses()) {
            general.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        return new GeneralNames(general.toArray(new GeneralName[0]));
    }

    private static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
