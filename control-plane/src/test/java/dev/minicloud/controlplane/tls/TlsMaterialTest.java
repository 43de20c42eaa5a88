package dev.minicloud.controlplane.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {

    @TempDir
    Path dataDir;

    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpServer startHttps(TlsMaterial tls, String host) throws Exception {
        HttpServerOptions options = new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(tls.certPath().toString())
                        .setKeyPath(tls.keyPath().toString()));
        return vertx.createHttpServer(options)
                .requestHandler(request -> request.response().end("hello over TLS"))
                .listen(0, host)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A client that trusts only the PEM certificate in {@code caBundle}, hostname checks on. */
    private static HttpClient clientTrusting(Path caBundle) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caBundle)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void generatedCertificateServesHttpsToAClientTrustingOnlyIt() throws Exception {
        TlsMaterial tls = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of());
        assertTrue(tls.generated());
        assertEquals(dataDir.resolve("tls").resolve("cert.pem"), tls.certPath());
        assertEquals(dataDir.resolve("tls").resolve("key.pem"), tls.keyPath());
        assertEquals(Optional.of(tls.certPath()), tls.caBundle());
        int port = startHttps(tls, "127.0.0.1").actualPort();

        HttpClient client = clientTrusting(tls.certPath());
        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpResponse<String> response = get(client, "https://" + host + ":" + port + "/");
            assertEquals(200, response.statusCode(), host);
            assertEquals("hello over TLS", response.body());
        }

        // The trust is real: a client trusting a different MiniCloud certificate is refused.
        Path otherDir = dataDir.resolve("other");
        TlsMaterial other = TlsMaterial.resolve(otherDir, Optional.empty(), Optional.empty(), List.of());
        HttpClient stranger = clientTrusting(other.certPath());
        assertThrows(SSLHandshakeException.class, () -> get(stranger, "https://127.0.0.1:" + port + "/"));
    }

    @Test
    void hostnameVerificationRejectsAnAddressTheCertificateDoesNotName() throws Exception {
        TlsMaterial tls = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of());
        int port;
        try {
            port = startHttps(tls, "127.0.0.2").actualPort();
        } catch (java.util.concurrent.ExecutionException e) {
            assumeTrue(false, "127.0.0.2 is not routable here");
            return;
        }
        HttpClient client = clientTrusting(tls.certPath());
        assertThrows(SSLHandshakeException.class, () -> get(client, "https://127.0.0.2:" + port + "/"));

        TlsMaterial named = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of("127.0.0.2"));
        assertTrue(named.generated());
        HttpServer server = startHttps(named, "127.0.0.2");
        assertEquals(200, get(clientTrusting(named.certPath()),
                "https://127.0.0.2:" + server.actualPort() + "/").statusCode());
    }

    @Test
    void secondResolveReusesTheFilesAndTheKeyIsPrivate() throws Exception {
        List<String> hosts = List.of("s3.minicloud.test", "192.168.7.7");
        TlsMaterial first = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), hosts);
        byte[] cert = Files.readAllBytes(first.certPath());
        byte[] key = Files.readAllBytes(first.keyPath());

        TlsMaterial second = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(),
                List.of("192.168.7.7", "S3.minicloud.test"));
        assertEquals(first, second);
        assertArrayEquals(cert, Files.readAllBytes(second.certPath()));
        assertArrayEquals(key, Files.readAllBytes(second.keyPath()));
        TlsMaterial fewerHosts = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of());
        assertArrayEquals(cert, Files.readAllBytes(fewerHosts.certPath()));

        assumeTrue(Files.getFileStore(dataDir).supportsFileAttributeView("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.keyPath())));
        try (var files = Files.list(first.certPath().getParent())) {
            assertEquals(List.of("cert.pem", "key.pem"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
        Files.setPosixFilePermissions(first.keyPath(), PosixFilePermissions.fromString("rw-r--r--"));
        TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), hosts);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.keyPath())));
    }

    @Test
    void regeneratesWhenANewHostIsConfiguredTheCertificateNearsExpiryOrTheFilesAreDamaged() throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        TlsMaterial tls = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of(),
                Clock.fixed(start, ZoneOffset.UTC));
        byte[] original = Files.readAllBytes(tls.certPath());

        TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of(),
                Clock.fixed(start.plus(Duration.ofDays(700)), ZoneOffset.UTC));
        assertArrayEquals(original, Files.readAllBytes(tls.certPath()), "still valid for months: reused");

        TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of(),
                Clock.fixed(start.plus(Duration.ofDays(800)), ZoneOffset.UTC));
        byte[] renewed = Files.readAllBytes(tls.certPath());
        assertFalse(java.util.Arrays.equals(original, renewed), "expiring within 30 days: renewed");

        TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of("new.example.test"));
        byte[] withHost = Files.readAllBytes(tls.certPath());
        assertFalse(java.util.Arrays.equals(renewed, withHost), "a newly configured host: regenerated");

        Files.writeString(tls.keyPath(), SelfSignedCertificate.generate(List.of()).privateKeyPem());
        TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of("new.example.test"));
        assertFalse(java.util.Arrays.equals(withHost, Files.readAllBytes(tls.certPath())), "key mismatch: regenerated");

        Files.writeString(tls.certPath(), "garbage");
        TlsMaterial again = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of());
        assertTrue(Files.readString(again.certPath()).startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void operatorSuppliedFilesAreUsedAsIs() throws Exception {
        SelfSignedCertificate own = SelfSignedCertificate.generate(List.of());
        Path cert = Files.writeString(dataDir.resolve("my-cert.pem"), own.certificatePem());
        Path key = Files.writeString(dataDir.resolve("my-key.pem"), own.privateKeyPem());

        TlsMaterial tls = TlsMaterial.resolve(dataDir, Optional.of(cert), Optional.of(key), List.of());
        assertEquals(new TlsMaterial(cert, key, false), tls);
        assertEquals(Optional.empty(), tls.caBundle());
        assertFalse(Files.exists(dataDir.resolve("tls")), "nothing generated");
        int port = startHttps(tls, "127.0.0.1").actualPort();
        assertEquals(200, get(clientTrusting(cert), "https://localhost:" + port + "/").statusCode());

        assertThrows(IllegalArgumentException.class,
                () -> TlsMaterial.resolve(dataDir, Optional.of(cert), Optional.empty(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> TlsMaterial.resolve(dataDir, Optional.empty(), Optional.of(key), List.of()));
        assertThrows(IllegalArgumentException.class, () -> TlsMaterial.resolve(
                dataDir, Optional.of(dataDir.resolve("missing.pem")), Optional.of(key), List.of()));
    }

    @Test
    void opensslAcceptsTheCertificateAsAStrictCaForServerAuth() throws Exception {
        TlsMaterial tls = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of("minicloud.test"));
        String cert = tls.certPath().toString();
        Optional<String> output = run("openssl", "verify", "-x509_strict", "-purpose", "sslserver",
                "-verify_hostname", "localhost", "-CAfile", cert, cert);
        assumeTrue(output.isPresent(), "openssl not installed");
        assertTrue(output.get().contains(": OK"), output.get());
        Optional<String> ip = run("openssl", "verify", "-x509_strict", "-verify_ip", "127.0.0.1", "-CAfile", cert, cert);
        assertTrue(ip.orElseThrow().contains(": OK"), ip.get());
    }

    @Test
    void pythonSslWithStrictVerificationConnects() throws Exception {
        TlsMaterial tls = TlsMaterial.resolve(dataDir, Optional.empty(), Optional.empty(), List.of());
        int port = startHttps(tls, "127.0.0.1").actualPort();
        String script = String.join("\n",
                "import ssl, sys, urllib.request",
                "ctx = ssl.create_default_context(cafile=sys.argv[1])",
                "ctx.verify_flags |= getattr(ssl, 'VERIFY_X509_STRICT', 0)",
                "for host in ('localhost', '127.0.0.1'):",
                "    with urllib.request.urlopen(f'https://{host}:{sys.argv[2]}/', context=ctx, timeout=10) as r:",
                "        print(host, r.status)");
        Optional<String> output = run("python3", "-c", script, tls.certPath().toString(), Integer.toString(port));
        assumeTrue(output.isPresent(), "python3 not installed");
        assertTrue(output.get().contains("localhost 200") && output.get().contains("127.0.0.1 200"), output.get());
    }

    /** Runs a command; empty if it is not installed. Fails the test if it exits non-zero. */
    private static Optional<String> run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        // Output is read on this thread; the child's stdout/stderr are small.
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command[0]);
        assertEquals(0, process.exitValue(), command[0] + " failed: " + output);
        return Optional.of(output);
    }
}
