package dev.minicloud.common.sigv4;

import java.util.Optional;

/** Looks up the secret key of an access key id, for {@link SigV4Verifier}. */
@FunctionalInterface
public interface SecretResolver {

  /** The secret of an active key; empty when the key is unknown or disabled. */
  Optional<String> secretKey(String accessKeyId);
}
