package dev.minicloud.controlplane.iam;

import dev.minicloud.controlplane.identity.Principal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * One JSON API operation that names its IAM action and resource, so the router can put
 * {@link Authorizer#guard} in front of it. Resources of the JSON APIs belong to the caller's account.
 */
public interface JsonOperation extends Handler<RoutingContext> {

  /** The IAM action, e.g. {@code iam:CreateUser}. */
  String action();

  /** The resource ARN the call acts on; {@code *} when it has none. */
  default String resource(RoutingContext ctx, Principal caller) {
    return "*";
  }

  /** A handler named with its action, acting on no single resource ({@code *}). */
  static JsonOperation of(String action, Handler<RoutingContext> handler) {
    return new JsonOperation() {
      @Override
      public String action() {
        return action;
      }

      @Override
      public void handle(RoutingContext ctx) {
        handler.handle(ctx);
      }
    };
  }

  /** Operations on accounts themselves belong to the platform's root user alone. */
  default boolean platformRootOnly() {
    return false;
  }
}
