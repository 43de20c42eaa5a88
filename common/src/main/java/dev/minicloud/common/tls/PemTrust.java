package dev.minicloud.common.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} that trusts exactly the certificates in a PEM file, e.g. the control
 * plane's self-signed certificate. Used by nodes joining a TLS control plane and by the SDK.
 */
public final class PemTrust {

  private PemTrust() {}

  public static SSLContext sslContextTrusting(Path pemFile) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("trusted-" + i++, certificate);
      }
      if (i == 0) {
        throw new IllegalArgumentException("no certificate in " + pemFile);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pemFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot trust the certificates in " + pemFile + ": " + e.getMessage(), e);
    }
  }
}
