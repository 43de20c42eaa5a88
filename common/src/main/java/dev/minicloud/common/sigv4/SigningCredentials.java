package dev.minicloud.common.sigv4;

import java.util.Objects;

/**
 * An access key pair used to sign. {@link #toString()} never shows the secret.
 *
 * @param accessKeyId the public id, e.g. {@code AKIAIOSFODNN7EXAMPLE}
 * @param secretKey the secret access key
 */
public record SigningCredentials(String accessKeyId, String secretKey) {

  public SigningCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretKey, "secretKey");
    if (accessKeyId.isEmpty() || accessKeyId.indexOf('/') >= 0) {
      throw new IllegalArgumentException("access key id must be non-empty and contain no '/'");
    }
  }

  @Override
  public String toString() {
    return "SigningCredentials[accessKeyId=" + accessKeyId + ", secretKey=***]";
  }
}
