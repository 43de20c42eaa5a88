package dev.minicloud.controlplane.iam.policy;

import dev.minicloud.controlplane.identity.Principal;
import java.util.List;

/**
 * The Principal element of a resource policy: {@code "*"} (everyone, anonymous callers included),
 * account roots ({@code arn:...:iam::<account>:root} or a bare 12-digit account id, meaning any
 * principal of that account) and users ({@code arn:...:iam::<account>:user/<name>}), normalised.
 */
public record PrincipalSpec(List<String> arns) {

  public static final String ANYONE = "*";

  public PrincipalSpec {
    arns = List.copyOf(arns);
  }

  /** How a caller matched: not at all, through everyone, through its account, or by its own ARN. */
  public enum Match { NONE, ANYONE, ACCOUNT, EXACT }

  /** How {@code caller} (null for anonymous) matches this element. */
  public Match match(Principal caller) {
    Match best = Match.NONE;
    for (String arn : arns) {
      Match m;
      if (ANYONE.equals(arn)) {
        m = Match.ANYONE;
      } else if (caller == null) {
        m = Match.NONE;
      } else if (arn.equals(Arns.accountRoot(caller.accountId()))) {
        m = caller.isAccountRoot() ? Match.EXACT : Match.ACCOUNT;
      } else if (!caller.isAccountRoot() && arn.equals(Arns.user(caller.accountId(), caller.userName()))) {
        m = Match.EXACT;
      } else {
        m = Match.NONE;
      }
      if (m.ordinal() > best.ordinal()) {
        best = m;
      }
    }
    return best;
  }
}
