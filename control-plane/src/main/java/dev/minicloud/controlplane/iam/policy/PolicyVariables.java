package dev.minicloud.controlplane.iam.policy;

import java.util.List;

/**
 * Policy variables in resources and condition values: {@code ${aws:username}} and any other context
 * key, plus the escapes {@code ${*}}, {@code ${?}} and {@code ${$}}. A variable without a value makes
 * the element unmatched (returns null), as in IAM.
 */
final class PolicyVariables {

  private PolicyVariables() {}

  static String substitute(String text, AccessRequest request) {
    int start = text.indexOf("${");
    if (start < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (start >= 0) {
      int end = text.indexOf('}', start);
      if (end < 0) {
        break;
      }
      out.append(text, i, start);
      String name = text.substring(start + 2, end).trim();
      switch (name) {
        case "*" -> out.append('*');
        case "?" -> out.append('?');
        case "$" -> out.append('$');
        default -> {
          List<String> values = request.contextValues(name);
          if (values == null || values.size() != 1) {
            return null;
          }
          out.append(values.get(0));
        }
      }
      i = end + 1;
      start = text.indexOf("${", i);
    }
    out.append(text.substring(i));
    return out.toString();
  }
}
