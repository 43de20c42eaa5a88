package dev.minicloud.controlplane.iam.policy;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One condition: an operator applied to one context key and the policy's values for it.
 *
 * @param operator the operator
 * @param ifExists the {@code ...IfExists} form: true when the key is absent
 * @param qualifier the set qualifier for multi-valued keys
 * @param key the context key, lower case (keys are case-insensitive)
 * @param values the policy values; a request value matching any of them matches
 */
public record Condition(ConditionOperator operator, boolean ifExists, Qualifier qualifier, String key,
    List<String> values) {

  /** {@code ForAnyValue:} / {@code ForAllValues:}, or none (single-valued keys). */
  public enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

  public Condition {
    values = List.copyOf(values);
  }

  /**
   * Whether the condition holds for a request.
   *
   * @param requestValues the context's values for {@link #key}, or null when the key is absent
   * @param substitute resolves policy variables in a policy value; returns null when one is unknown
   */
  public boolean holds(List<String> requestValues, UnaryOperator<String> substitute) {
    boolean present = requestValues != null && !requestValues.isEmpty();
    if (operator.isNull()) {
      // {"Null": {"key": "true"}}: the key is absent.
      boolean wantAbsent = values.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
      return wantAbsent != present;
    }
    if (!present) {
      if (ifExists || qualifier == Qualifier.FOR_ALL_VALUES) {
        return true;
      }
      return operator.negated();
    }
    return switch (qualifier) {
      case FOR_ALL_VALUES -> requestValues.stream().allMatch(v -> matchesOne(v, substitute));
      case FOR_ANY_VALUE, NONE -> requestValues.stream().anyMatch(v -> matchesOne(v, substitute));
    };
  }

  private boolean matchesOne(String requestValue, UnaryOperator<String> substitute) {
    boolean any = false;
    for (String raw : values) {
      String policyValue = substitute.apply(raw);
      if (policyValue != null && operator.matchesPositive(requestValue, policyValue)) {
        any = true;
        break;
      }
    }
    return operator.negated() != any;
  }
}
