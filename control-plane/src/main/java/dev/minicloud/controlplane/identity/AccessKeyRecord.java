package dev.minicloud.controlplane.identity;

import java.time.Instant;

/**
 * An access key as stored in the ACCESS_KEYS table, keyed by access key id. The secret is only
 * ever stored encrypted ({@link SecretCipher}, bound to the key id).
 *
 * @param lastUsedAt when a request last authenticated with it (to the minute), or null if never
 */
public record AccessKeyRecord(
    String accessKeyId, String accountId, String userName, String encryptedSecret, Status status,
    Instant createdAt, Instant lastUsedAt) {

  public enum Status { ACTIVE, INACTIVE }

  public AccessKeyRecord withStatus(Status newStatus) {
    return new AccessKeyRecord(accessKeyId, accountId, userName, encryptedSecret, newStatus, createdAt, lastUsedAt);
  }

  public AccessKeyRecord withLastUsed(Instant when) {
    return new AccessKeyRecord(accessKeyId, accountId, userName, encryptedSecret, status, createdAt, when);
  }
}
