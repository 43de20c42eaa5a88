package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;

/** {@code POST /iam/v1/groups {groupName}}: a group with no members and no policies. */
public final class CreateGroupHandler extends IamHandler {

  private final GroupStore groups;
  private final Clock clock;

  public CreateGroupHandler(GroupStore groups, Clock clock) {
    this.groups = groups;
    this.clock = clock;
  }

  @Override
  public String action() {
    return "iam:CreateGroup";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    String name = optional(body(ctx), "groupName");
    return Arns.group(caller.accountId(), name == null ? "" : name);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = required(body(ctx), "groupName");
    respond(ctx, 201, Map.of("group", GroupView.of(groups.createGroup(caller(ctx).accountId(), name, clock.instant()))));
  }
}
