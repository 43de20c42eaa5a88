package dev.minicloud.sdk.iam;

import java.time.Instant;

/**
 * An access key as listed (never with its secret).
 *
 * @param accessKeyId 20 characters
 * @param userName its user
 * @param status {@code Active} or {@code Inactive}
 * @param createdAt when it was created
 * @param lastUsedAt when it last signed a request (to the minute), or null
 */
public record AccessKey(String accessKeyId, String userName, String status, Instant createdAt, Instant lastUsedAt) {

  /** True when the key may sign requests. */
  public boolean active() {
    return "Active".equals(status);
  }
}
