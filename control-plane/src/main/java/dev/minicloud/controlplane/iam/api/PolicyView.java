package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.ManagedPolicyRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a managed policy is shown. */
final class PolicyView {

  private PolicyView() {}

  static Map<String, Object> of(ManagedPolicyRecord p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policyName", p.policyName());
    m.put("arn", p.arn());
    m.put("description", p.description());
    m.put("createdAt", String.valueOf(p.createdAt()));
    m.put("policyDocument", p.document());
    return m;
  }

  static Map<String, Object> builtIn(String name, String arn, String document) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policyName", name);
    m.put("arn", arn);
    m.put("builtIn", true);
    m.put("policyDocument", document);
    return m;
  }
}
