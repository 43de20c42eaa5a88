package dev.minicloud.sdk.iam;

/**
 * A freshly created account with its root access key; the secret is shown this once only.
 *
 * @param account the account
 * @param rootAccessKeyId the account root's access key id
 * @param rootSecretAccessKey its secret
 */
public record NewAccount(Account account, String rootAccessKeyId, String rootSecretAccessKey) {
  @Override
  public String toString() {
    return "NewAccount[account=" + account + ", rootAccessKeyId=" + rootAccessKeyId + ", rootSecretAccessKey=***]";
  }
}
