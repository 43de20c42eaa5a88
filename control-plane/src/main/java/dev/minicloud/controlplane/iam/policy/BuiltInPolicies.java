package dev.minicloud.controlplane.iam.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The managed policies every account can attach, as {@code arn:minicloud:iam::minicloud:policy/<name>}
 * ({@code arn:aws:iam::aws:policy/<name>} is accepted too, so AWS's names work).
 */
public final class BuiltInPolicies {

  /** The pseudo account that owns the built-in policies. */
  public static final String OWNER = "minicloud";

  private static final Map<String, String> DOCUMENTS = new LinkedHashMap<>();

  static {
    DOCUMENTS.put("AdministratorAccess", allow("\"*\""));
    DOCUMENTS.put("ReadOnlyAccess", allow("[\"s3:Get*\", \"s3:List*\", \"s3:HeadBucket\", \"compute:Describe*\", "
        + "\"compute:Get*\", \"compute:List*\", \"iam:Get*\", \"iam:List*\", \"iam:SimulatePrincipalPolicy\", "
        + "\"billing:Get*\", \"billing:List*\", \"audit:List*\", \"audit:Get*\"]"));
    DOCUMENTS.put("StorageFullAccess", allow("\"s3:*\""));
    DOCUMENTS.put("StorageReadOnly", allow("[\"s3:Get*\", \"s3:List*\"]"));
    DOCUMENTS.put("ComputeFullAccess", allow("\"compute:*\""));
  }

  private static final Map<String, PolicyDocument> PARSED = new LinkedHashMap<>();

  static {
    DOCUMENTS.forEach((name, text) -> PARSED.put(name, PolicyParser.parse(text, PolicyParser.Kind.IDENTITY)));
  }

  private BuiltInPolicies() {}

  private static String allow(String actions) {
    return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": " + actions
        + ", \"Resource\": \"*\"}]\n}";
  }

  /** Every built-in policy's name, in a stable order. */
  public static Iterable<String> names() {
    return DOCUMENTS.keySet();
  }

  public static String arn(String name) {
    return Arns.policy(OWNER, name);
  }

  /** The built-in policy an ARN names (in either partition), if it is one. */
  public static Optional<PolicyDocument> forArn(String arn) {
    String prefix = Arns.PREFIX + "iam::" + OWNER + ":policy/";
    String normalized = Arns.normalize(arn).replace("arn:minicloud:iam::aws:policy/", prefix);
    return normalized.startsWith(prefix)
        ? Optional.ofNullable(PARSED.get(normalized.substring(prefix.length()))) : Optional.empty();
  }

  /** The canonical ARN for a built-in given in either partition; the input when it is not one. */
  public static String canonicalArn(String arn) {
    String prefix = Arns.PREFIX + "iam::" + OWNER + ":policy/";
    return Arns.normalize(arn).replace("arn:minicloud:iam::aws:policy/", prefix);
  }

  public static Optional<String> document(String name) {
    return Optional.ofNullable(DOCUMENTS.get(name));
  }
}
