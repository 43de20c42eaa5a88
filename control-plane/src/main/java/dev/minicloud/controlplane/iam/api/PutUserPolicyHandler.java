package dev.minicloud.controlplane.iam.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /iam/v1/users/{userName}/policies/{policyName}}: an inline policy; the body is the
 * document itself (or {@code {"policyDocument": ...}}). Invalid documents: MalformedPolicyDocument
 * with the line and reason.
 */
public final class PutUserPolicyHandler extends IamHandler {

  private final UserStore users;

  public PutUserPolicyHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:PutUserPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  /** The body as JSON, or null when it is not JSON (then the policy parser says what is wrong). */
  private static JsonNode lenient(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = ctx.pathParam("policyName");
    checkName("policyName", name);
    String text = ctx.body() == null ? "" : ctx.body().asString();
    // Either the document itself, or {"policyDocument": <document>} (a body without a Statement).
    JsonNode parsed = text.isBlank() ? null : lenient(text);
    String document = parsed != null && parsed.isObject() && parsed.has("policyDocument") && !parsed.has("Statement")
        ? policyDocument(parsed, "policyDocument") : text;
    validate(document);
    users.updateUser(caller(ctx).accountId(), ctx.pathParam("userName"), u -> u.withInlinePolicy(name, document));
    noContent(ctx);
  }
}
