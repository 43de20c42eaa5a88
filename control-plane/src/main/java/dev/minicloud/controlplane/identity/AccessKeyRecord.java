package dev.minicloud.controlplane.identity;

import java.time.Instant;

/**
 * An access key as stored in the ACCESS_KEYS table, keyed by access key id. The secret is only
 * ever stored encrypted ({@link SecretCipher}, bound to the key id).
 */
public record AccessKeyRecord(
    String accessKeyId, String accountId, String userName, String encryptedSecret, Status status,
    Instant createdAt) {

  public enum Status { ACTIVE, INACTIVE }
}
