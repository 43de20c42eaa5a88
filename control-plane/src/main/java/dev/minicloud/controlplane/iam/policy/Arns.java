package dev.minicloud.controlplane.iam.policy;

/**
 * ARNs in MiniCloud's partition ({@code arn:minicloud:...}); {@code arn:aws:} is accepted everywhere
 * as an alias so that policies copied from AWS's examples work unchanged.
 */
public final class Arns {

  public static final String PREFIX = "arn:minicloud:";
  private static final String AWS_PREFIX = "arn:aws:";

  private Arns() {}

  /** The ARN with an {@code arn:aws:} partition rewritten to {@code arn:minicloud:}. */
  public static String normalize(String arn) {
    return arn.startsWith(AWS_PREFIX) ? PREFIX + arn.substring(AWS_PREFIX.length()) : arn;
  }

  /** {@code arn:minicloud:s3:::bucket}. */
  public static String bucket(String bucket) {
    return PREFIX + "s3:::" + bucket;
  }

  /** {@code arn:minicloud:s3:::bucket/key}. */
  public static String object(String bucket, String key) {
    return PREFIX + "s3:::" + bucket + "/" + key;
  }

  /** {@code arn:minicloud:iam::account:root}. */
  public static String accountRoot(String accountId) {
    return PREFIX + "iam::" + accountId + ":root";
  }

  /** {@code arn:minicloud:iam::account:user/name}. */
  public static String user(String accountId, String userName) {
    return PREFIX + "iam::" + accountId + ":user/" + userName;
  }

  /** {@code arn:minicloud:iam::account:group/name}. */
  public static String group(String accountId, String groupName) {
    return PREFIX + "iam::" + accountId + ":group/" + groupName;
  }

  /** {@code arn:minicloud:iam::account:policy/name}; built-in policies use the account {@code minicloud}. */
  public static String policy(String accountId, String name) {
    return PREFIX + "iam::" + accountId + ":policy/" + name;
  }

  /** {@code arn:minicloud:compute:region:account:instance/id}. */
  public static String instance(String region, String accountId, String instanceId) {
    return PREFIX + "compute:" + region + ":" + accountId + ":instance/" + instanceId;
  }
}
