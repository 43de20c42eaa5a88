package dev.minicloud.controlplane.iam.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.controlplane.iam.ManagedPolicyRecord;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;

/**
 * {@code POST /iam/v1/policies {policyName, policyDocument, description?}}: a customer managed
 * policy ({@code arn:minicloud:iam::<account>:policy/<name>}) to attach to users.
 */
public final class CreatePolicyHandler extends IamHandler {

  private final UserStore users;
  private final Clock clock;

  public CreatePolicyHandler(UserStore users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  @Override
  public String action() {
    return "iam:CreatePolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    String name = optional(body(ctx), "policyName");
    return Arns.policy(caller.accountId(), name == null ? "" : name);
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonNode body = body(ctx);
    String name = required(body, "policyName");
    if (!body.has("policyDocument")) {
      required(body, "policyDocument");
    }
    String document = policyDocument(body, "policyDocument");
    ManagedPolicyRecord p = users.createPolicy(caller(ctx).accountId(), name, document,
        optional(body, "description"), clock.instant());
    respond(ctx, 201, Map.of("policy", PolicyView.of(p)));
  }
}
