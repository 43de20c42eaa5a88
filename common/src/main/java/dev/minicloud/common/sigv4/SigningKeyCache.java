package dev.minicloud.common.sigv4;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing keys already derived, per access key and credential scope. A key is four chained
 * HMAC-SHA256 computations and stays the same for a whole day (the scope's date), so a server that
 * verifies thousands of requests a second from a few keys derives each one once a day instead of on
 * every request. An entry is used only while the secret it was derived from is still the key's
 * secret, so a changed or rotated secret never meets a stale key. Bounded: past
 * {@value #MAX_ENTRIES} entries the cache starts over (simpler than LRU, and a day's worth of
 * scopes of any realistic number of active keys fits).
 */
final class SigningKeyCache {

  static final int MAX_ENTRIES = 4096;

  private record Derived(String secret, byte[] signingKey) {}

  private final Map<String, Derived> byKeyAndScope = new ConcurrentHashMap<>();

  /** The signing key of {@code secret} for {@code scope}, derived at most once per entry. */
  byte[] signingKey(String accessKeyId, String secret, CredentialScope scope) {
    String id = accessKeyId + '\n' + scope.format();
    Derived cached = byKeyAndScope.get(id);
    // equals on two server-side values (the stored secret and the one just resolved): the caller's
    // input never reaches this comparison, so its timing reveals nothing.
    if (cached != null && cached.secret().equals(secret)) {
      return cached.signingKey();
    }
    byte[] key = SigV4.signingKey(secret, scope);
    if (byKeyAndScope.size() >= MAX_ENTRIES) {
      byKeyAndScope.clear();
    }
    byKeyAndScope.put(id, new Derived(secret, key));
    return key;
  }

  int size() {
    return byKeyAndScope.size();
  }
}
