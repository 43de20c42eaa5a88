package dev.minicloud.controlplane.identity;

/**
 * Who made a request, as established by SigV4: the account, the user inside it and the key used.
 * Policy, audit and metering all key off this one object.
 *
 * @param accountId the 12-digit account id
 * @param userName the user inside the account; {@value #ROOT_USER} for the account's root user
 * @param accessKeyId the access key the request was signed with
 * @param platformRoot true for the root user of the platform's own (operator) account
 */
public record Principal(String accountId, String userName, String accessKeyId, boolean platformRoot) {

  public static final String ROOT_USER = "root";

  public boolean isAccountRoot() {
    return ROOT_USER.equals(userName);
  }

  /** The principal's ARN, in MiniCloud's partition (policies also accept {@code arn:aws:}). */
  public String arn() {
    return isAccountRoot()
        ? "arn:minicloud:iam::" + accountId + ":root"
        : "arn:minicloud:iam::" + accountId + ":user/" + userName;
  }

  /** The STS-style unique id: the account id for a root user, the key id otherwise. */
  public String userId() {
    return isAccountRoot() ? accountId : accessKeyId;
  }
}
