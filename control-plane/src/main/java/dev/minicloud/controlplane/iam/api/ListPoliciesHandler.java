package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.ManagedPolicyRecord;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.iam.policy.BuiltInPolicies;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /iam/v1/policies}: the built-in policies, then the account's own. */
public final class ListPoliciesHandler extends IamHandler {

  private final UserStore users;

  public ListPoliciesHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:ListPolicies";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return Arns.policy(caller.accountId(), "*");
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : BuiltInPolicies.names()) {
      out.add(PolicyView.builtIn(name, BuiltInPolicies.arn(name), BuiltInPolicies.document(name).orElseThrow()));
    }
    for (ManagedPolicyRecord p : users.policies(caller(ctx).accountId())) {
      out.add(PolicyView.of(p));
    }
    respond(ctx, 200, Map.of("policies", out));
  }
}
