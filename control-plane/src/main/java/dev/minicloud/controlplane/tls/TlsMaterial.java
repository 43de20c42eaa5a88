package dev.minicloud.controlplane.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PEM certificate and private key the HTTPS endpoint serves.
 *
 * @param certPath PEM certificate (chain) file
 * @param keyPath PEM private key file
 * @param generated true when the files are MiniCloud's own self-signed certificate (generated now
 *     or on an earlier start): then {@code certPath} is also the CA bundle clients must trust;
 *     false when the operator supplied them
 */
public record TlsMaterial(Path certPath, Path keyPath, boolean generated) {

    /** Subdirectory of the data directory holding the generated certificate. */
    public static final String TLS_DIRECTORY = "tls";
    /** File name of the generated certificate. */
    public static final String CERT_FILE = "cert.pem";
    /** File name of the generated private key (mode 0600). */
    public static final String KEY_FILE = "key.pem";
    /** A generated certificate expiring within this time is replaced on start. */
    public static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    public TlsMaterial {
        Objects.requireNonNull(certPath, "certPath");
        Objects.requireNonNull(keyPath, "keyPath");
    }

    /** The file clients pass as their CA bundle, when MiniCloud generated the certificate. */
    public Optional<Path> caBundle() {
        return generated ? Optional.of(certPath) : Optional.empty();
    }

    /** {@link #resolve(Path, Optional, Optional, List, Clock)} with the system clock. */
    public static TlsMaterial resolve(Path dataDir, Optional<Path> cert, Optional<Path> key, List<String> extraHosts) {
        return resolve(dataDir, cert, key, extraHosts, Clock.systemUTC());
    }

    /**
     * Chooses the TLS files:
     * <ol>
     *   <li>{@code cert} and {@code key} when both are given (both must be readable files);</li>
     *   <li>else {@code <dataDir>/tls/cert.pem} and {@code key.pem} when both exist, the key matches
     *       the certificate, the certificate names every host required (the loopback defaults and
     *       {@code extraHosts}) and it is valid for at least {@link #RENEW_BEFORE_EXPIRY};</li>
     *   <li>else a new {@link SelfSignedCertificate} written there (the key with mode 0600 from the
     *       moment it exists; each file replaced atomically).</li>
     * </ol>
     *
     * @throws IllegalArgumentException if only one of cert/key is given, a given file is not a
     *     readable regular file, or an extra host is not a valid name or address
     * @throws UncheckedIOException if the files cannot be read or written
     */
    public static TlsMaterial resolve(Path dataDir, Optional<Path> cert, Optional<Path> key,
            List<String> extraHosts, Clock clock) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(extraHosts, "extraHosts");
        if (cert.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException(
                    "a TLS certificate and its private key must be given together (got only the "
                            + (cert.isPresent() ? "certificate" : "key") + ")");
        }
        if (cert.isPresent()) {
            requireReadableFile(cert.get(), "TLS certificate");
            requireReadableFile(key.get(), "TLS private key");
            return new TlsMaterial(cert.get(), key.get(), false);
        }
        HostNames required = HostNames.of(extraHosts);
        Path dir = dataDir.resolve(TLS_DIRECTORY);
        Path certPath = dir.resolve(CERT_FILE);
        Path keyPath = dir.resolve(KEY_FILE);
        Optional<String> problem = problemWithExisting(certPath, keyPath, required, clock.instant());
        if (problem.isEmpty()) {
            restrictToOwner(keyPath);
            return new TlsMaterial(certPath, keyPath, true);
        }
        if (Files.exists(certPath) || Files.exists(keyPath)) {
            LOG.warn("Replacing the self-signed TLS certificate in {}: {}", dir, problem.get());
        }
        SelfSignedCertificate generated = SelfSignedCertificate.generate(extraHosts, clock);
        write(dir, certPath, keyPath, generated);
        LOG.info("Generated a self-signed TLS certificate {} (clients trust it as their CA bundle)", certPath);
        return new TlsMaterial(certPath, keyPath, true);
    }

    /** Why the generated files cannot be reused, or empty if they can. */
    private static Optional<String> problemWithExisting(Path certPath, Path keyPath, HostNames required, Instant now) {
        if (!Files.isRegularFile(certPath) || !Files.isRegularFile(keyPath)) {
            return Optional.of("certificate or key missing");
        }
        X509Certificate certificate;
        PrivateKey privateKey;
        try {
            certificate = readCertificate(certPath);
            privateKey = readPkcs8Key(keyPath, certificate.getPublicKey().getAlgorithm());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("unreadable (" + e.getClass().getSimpleName() + ")");
        }
        if (certificate.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE_EXPIRY))) {
            return Optional.of("expires " + certificate.getNotAfter().toInstant());
        }
        if (!keyMatches(privateKey, certificate.getPublicKey())) {
            return Optional.of("key does not match certificate");
        }
        HostNames present;
        try {
            present = namesOf(certificate);
        } catch (GeneralSecurityException e) {
            return Optional.of("unreadable subject alternative names");
        }
        if (!present.covers(required)) {
            return Optional.of("does not name every configured host");
        }
        return Optional.empty();
    }

    private static X509Certificate readCertificate(Path path) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(path)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readPkcs8Key(Path path, String algorithm) throws IOException, GeneralSecurityException {
        try (PemReader reader = new PemReader(Files.newBufferedReader(path, StandardCharsets.US_ASCII))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !"PRIVATE KEY".equals(pem.getType())) {
                throw new IllegalArgumentException("not a PKCS#8 PEM private key");
            }
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pem.getContent()));
        }
    }

    /** Whether a signature made with {@code privateKey} verifies with {@code publicKey}. */
    private static boolean keyMatches(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = "EC".equals(publicKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static HostNames namesOf(X509Certificate certificate) throws GeneralSecurityException {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                Object type = san.get(0);
                Object value = san.get(1);
                if (Integer.valueOf(2).equals(type) && value instanceof String name) {
                    dns.add(name.toLowerCase(Locale.ROOT));
                } else if (Integer.valueOf(7).equals(type) && value instanceof String ip) {
                    ips.add(HostNames.canonicalIp(ip));
                }
            }
        }
        return new HostNames(Set.copyOf(dns), Set.copyOf(ips));
    }

    private static void write(Path dir, Path certPath, Path keyPath, SelfSignedCertificate generated) {
        try {
            Files.createDirectories(dir);
            // Key first: cert.pem appearing is what marks a complete pair, and a stale cert.pem next
            // to a new key.pem is detected (key mismatch) and regenerated.
            writeAtomically(keyPath, generated.privateKeyPem(), "rw-------");
            writeAtomically(certPath, generated.certificatePem(), "rw-r--r--");
            fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TLS certificate to " + dir, e);
        }
    }

    /**
     * Writes {@code content} to a temporary file created with {@code mode} (so a key is never
     * readable by others, not even briefly), fsyncs it, and renames it over {@code target}.
     */
    private static void writeAtomically(Path target, String content, String mode) throws IOException {
        Path temp = target.resolveSibling(
                "." + target.getFileName() + "." + HexFormat.of().toHexDigits(RANDOM.nextInt()) + ".tmp");
        List<FileAttribute<?>> attributes = new ArrayList<>();
        if (posix(target)) {
            attributes.add(PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        }
        try {
            try (FileChannel channel = FileChannel.open(temp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    attributes.toArray(new FileAttribute<?>[0]))) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or sync a directory; the files themselves are synced.
            LOG.debug("Cannot fsync directory {}", dir, e);
        }
    }

    /** Tightens an existing key file to 0600 if its mode is looser. */
    private static void restrictToOwner(Path keyPath) {
        if (!posix(keyPath)) {
            return;
        }
        try {
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            if (!Files.getPosixFilePermissions(keyPath).equals(owner)) {
                Files.setPosixFilePermissions(keyPath, owner);
                LOG.warn("Restricted TLS private key {} to mode 0600", keyPath);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict permissions of " + keyPath, e);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void requireReadableFile(Path path, String what) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(what + " is not a readable file: " + path);
        }
    }
}
