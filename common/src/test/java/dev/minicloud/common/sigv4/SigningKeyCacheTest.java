package dev.minicloud.common.sigv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SigningKeyCacheTest {

  private static final CredentialScope SCOPE = new CredentialScope("20261202", "us-east-1", "s3");

  @Test
  void derivesOncePerKeyAndScope() {
    SigningKeyCache cache = new SigningKeyCache();
    byte[] first = cache.signingKey("AKID", "secret-1", SCOPE);
    assertArrayEquals(SigV4.signingKey("secret-1", SCOPE), first);
    assertSame(first, cache.signingKey("AKID", "secret-1", SCOPE));
    byte[] nextDay = cache.signingKey("AKID", "secret-1", new CredentialScope("20261203", "us-east-1", "s3"));
    assertArrayEquals(SigV4.signingKey("secret-1", new CredentialScope("20261203", "us-east-1", "s3")), nextDay);
  }

  @Test
  void aChangedSecretNeverGetsTheOldKey() {
    SigningKeyCache cache = new SigningKeyCache();
    cache.signingKey("AKID", "old-secret", SCOPE);
    assertArrayEquals(SigV4.signingKey("new-secret", SCOPE), cache.signingKey("AKID", "new-secret", SCOPE));
  }

  @Test
  void staysBounded() {
    SigningKeyCache cache = new SigningKeyCache();
    for (int i = 0; i < SigningKeyCache.MAX_ENTRIES * 2 + 7; i++) {
      cache.signingKey("AKID" + i, "s", SCOPE);
    }
    assertTrue(cache.size() <= SigningKeyCache.MAX_ENTRIES, "size " + cache.size());
  }
}
