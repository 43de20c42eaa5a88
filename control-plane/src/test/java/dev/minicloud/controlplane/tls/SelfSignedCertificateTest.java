package dev.minicloud.controlplane.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

    private static Set<String> sans(X509Certificate cert) throws Exception {
        Set<String> names = new HashSet<>();
        for (List<?> san : cert.getSubjectAlternativeNames()) {
            names.add(san.get(0) + ":" + san.get(1));
        }
        return names;
    }

    @Test
    void isAnRsaCaCertificateForLoopbackAndTheExtraHosts() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SelfSignedCertificate generated = SelfSignedCertificate.generate(
                List.of("minicloud.example.test", "10.1.2.3", "[fd00::5]", "0.0.0.0", ""),
                Clock.fixed(now, ZoneOffset.UTC));
        X509Certificate cert = generated.certificate();

        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=MiniCloud"));
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(cert.getPublicKey());
        assertEquals("SHA256withRSA", cert.getSigAlgName());
        assertEquals(2048, ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength());
        assertEquals(3, cert.getVersion());
        assertTrue(cert.getSerialNumber().signum() > 0);

        assertEquals(Integer.MAX_VALUE, cert.getBasicConstraints(), "CA:true without a path length");
        assertTrue(cert.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
        boolean[] usage = cert.getKeyUsage();
        assertTrue(usage[0] && usage[2] && usage[5], "digitalSignature, keyEncipherment, keyCertSign");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), cert.getExtendedKeyUsage());
        assertNotNull(cert.getExtensionValue("2.5.29.14"), "subject key identifier");
        assertNotNull(cert.getExtensionValue("2.5.29.35"), "authority key identifier");

        assertEquals(Set.of("2:localhost", "2:*.localhost", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1",
                "2:minicloud.example.test", "2:*.minicloud.example.test", "7:10.1.2.3", "7:fd00:0:0:0:0:0:0:5"),
                sans(cert));

        assertEquals(now.minus(Duration.ofHours(1)), cert.getNotBefore().toInstant());
        Duration validity = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        assertTrue(validity.compareTo(Duration.ofDays(825)) <= 0, validity.toString());
    }

    @Test
    void pemEncodingsAreStandardCertificateAndPkcs8Key() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate(List.of());
        String certPem = generated.certificatePem();
        String keyPem = generated.privateKeyPem();
        assertTrue(certPem.startsWith("-----BEGIN CERTIFICATE-----"), certPem);
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8, not PKCS#1 'RSA PRIVATE KEY'");

        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(generated.certificate(), parsed);
        String base64 = keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        assertArrayEquals(generated.privateKey().getEncoded(),
                KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)).getEncoded());
    }

    @Test
    void everyCertificateHasItsOwnKeySerialAndSubject() {
        X509Certificate a = SelfSignedCertificate.generate(List.of()).certificate();
        X509Certificate b = SelfSignedCertificate.generate(List.of()).certificate();
        assertNotEquals(a.getSerialNumber(), b.getSerialNumber());
        assertNotEquals(a.getPublicKey(), b.getPublicKey());
        assertNotEquals(a.getSubjectX500Principal(), b.getSubjectX500Principal());
    }

    @Test
    void rejectsHostsThatAreNeitherNamesNorAddresses() {
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.generate(List.of("bad host")));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.generate(List.of("a..b")));
        assertFalse(HostNames.of(List.of("Example.TEST.")).dnsNames().contains("Example.TEST."));
        assertTrue(HostNames.of(List.of("Example.TEST.")).dnsNames().contains("example.test"));
        assertTrue(HostNames.of(List.of("b\u00fccher.test")).dnsNames().contains("xn--bcher-kva.test"));
    }
}
