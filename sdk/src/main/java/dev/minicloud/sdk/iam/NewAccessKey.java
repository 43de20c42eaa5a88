package dev.minicloud.sdk.iam;

import java.time.Instant;

/**
 * A freshly created access key; its secret appears here only.
 *
 * @param accessKeyId 20 characters
 * @param secretAccessKey 40 characters
 * @param userName its user
 * @param status {@code Active}
 * @param createdAt when it was created
 */
public record NewAccessKey(String accessKeyId, String secretAccessKey, String userName, String status,
    Instant createdAt) {
  @Override
  public String toString() {
    return "NewAccessKey[accessKeyId=" + accessKeyId + ", userName=" + userName + ", status=" + status + "]";
  }
}
