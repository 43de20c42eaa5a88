package dev.minicloud.controlplane.iam.policy;

import dev.minicloud.controlplane.identity.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * IAM's evaluation logic, for identity policies plus one resource (bucket) policy:
 * <ol>
 *   <li>an explicit Deny in any applicable statement wins;</li>
 *   <li>anonymous callers are allowed only by a resource policy naming {@code "*"};</li>
 *   <li>within the caller's own account, an Allow from an identity policy or from a resource policy
 *       naming the caller (or {@code "*"}) suffices, and the account's root user is allowed anything;</li>
 *   <li>across accounts, both sides must allow: the resource policy must grant the caller (its
 *       account, its ARN or {@code "*"}) and the caller's own identity policies must allow the call
 *       (a root user's are implicitly everything);</li>
 *   <li>otherwise the request is implicitly denied.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class PolicyEvaluator {

  public Evaluation evaluate(AccessRequest request, List<NamedPolicy> identityPolicies, NamedPolicy resourcePolicy) {
    List<String> matched = new ArrayList<>();
    String deniedBy = null;
    boolean identityAllow = false;
    PrincipalSpec.Match resourceAllow = PrincipalSpec.Match.NONE;
    Principal caller = request.principal();

    if (caller != null) {
      for (NamedPolicy policy : identityPolicies) {
        for (Statement s : policy.document().statements()) {
          if (applies(s, policy.document(), request)) {
            matched.add(policy.name() + ": " + s.label() + " (" + label(s.effect()) + ")");
            if (s.effect() == Effect.DENY) {
              deniedBy = deniedBy == null ? policy.name() + ": " + s.label() : deniedBy;
            } else {
              identityAllow = true;
            }
          }
        }
      }
    }
    if (resourcePolicy != null) {
      for (Statement s : resourcePolicy.document().statements()) {
        PrincipalSpec.Match match = s.principal() == null ? PrincipalSpec.Match.NONE : s.principal().match(caller);
        boolean principalApplies = s.notPrincipal() ? match == PrincipalSpec.Match.NONE : match != PrincipalSpec.Match.NONE;
        if (principalApplies && applies(s, resourcePolicy.document(), request)) {
          matched.add(resourcePolicy.name() + ": " + s.label() + " (" + label(s.effect()) + ")");
          if (s.effect() == Effect.DENY) {
            deniedBy = deniedBy == null ? resourcePolicy.name() + ": " + s.label() : deniedBy;
          } else {
            PrincipalSpec.Match m = s.notPrincipal() ? PrincipalSpec.Match.ANYONE : match;
            if (m.ordinal() > resourceAllow.ordinal()) {
              resourceAllow = m;
            }
          }
        }
      }
    }

    if (deniedBy != null) {
      return new Evaluation(Decision.EXPLICIT_DENY, "explicitly denied by " + deniedBy, matched);
    }
    if (caller == null) {
      return resourceAllow == PrincipalSpec.Match.ANYONE
          ? new Evaluation(Decision.ALLOW, "allowed for anonymous callers by the bucket policy", matched)
          : new Evaluation(Decision.IMPLICIT_DENY, "anonymous callers are allowed only by a public bucket policy",
              matched);
    }
    boolean identitySide = caller.isAccountRoot() || identityAllow;
    if (!request.crossAccount()) {
      if (caller.isAccountRoot()) {
        return new Evaluation(Decision.ALLOW, "the account's root user is allowed within its own account", matched);
      }
      if (identityAllow) {
        return new Evaluation(Decision.ALLOW, "allowed by an identity policy", matched);
      }
      if (resourceAllow == PrincipalSpec.Match.EXACT || resourceAllow == PrincipalSpec.Match.ANYONE) {
        return new Evaluation(Decision.ALLOW, "allowed by the resource policy", matched);
      }
      return new Evaluation(Decision.IMPLICIT_DENY, "no policy allows " + request.action() + " on "
          + request.resource(), matched);
    }
    if (resourceAllow == PrincipalSpec.Match.NONE) {
      return new Evaluation(Decision.IMPLICIT_DENY, "the resource belongs to account " + request.resourceAccountId()
          + " and no resource policy grants it to the caller", matched);
    }
    if (!identitySide) {
      return new Evaluation(Decision.IMPLICIT_DENY, "the resource policy grants access across accounts, but no "
          + "identity policy of the caller allows " + request.action(), matched);
    }
    return new Evaluation(Decision.ALLOW, "allowed across accounts by the resource policy and the caller's "
        + (caller.isAccountRoot() ? "root user" : "identity policy"), matched);
  }

  private static String label(Effect effect) {
    return effect == Effect.ALLOW ? "Allow" : "Deny";
  }

  /** Whether a statement's action, resource and conditions all match the request (principal aside). */
  static boolean applies(Statement s, PolicyDocument doc, AccessRequest r) {
    boolean actionMatch = false;
    for (String pattern : s.actions()) {
      if (pattern.equals("*") || Wildcards.matches(pattern, r.action(), true)) {
        actionMatch = true;
        break;
      }
    }
    if (actionMatch == s.notAction()) {
      return false;
    }
    UnaryOperator<String> substitute = doc.variablesEnabled() ? v -> PolicyVariables.substitute(v, r) : v -> v;
    boolean resourceMatch = false;
    for (String pattern : s.resources()) {
      String p = substitute.apply(pattern);
      if (p != null && (p.equals("*") || Wildcards.matches(p, r.resource(), false))) {
        resourceMatch = true;
        break;
      }
    }
    if (resourceMatch == s.notResource()) {
      return false;
    }
    for (Condition c : s.conditions()) {
      if (!c.holds(r.contextValues(c.key()), substitute)) {
        return false;
      }
    }
    return true;
  }
}
