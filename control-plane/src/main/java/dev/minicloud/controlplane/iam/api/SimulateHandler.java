package dev.minicloud.controlplane.iam.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.Authorizer;
import dev.minicloud.controlplane.iam.S3Authorization;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.iam.policy.AccessRequest;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.iam.policy.Evaluation;
import dev.minicloud.controlplane.iam.policy.NamedPolicy;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /iam/v1/simulate {action, resource, userName?, context?}}: what the policy engine
 * would decide for a user of the caller's account (the caller itself by default) and why, with the
 * bucket policy taken into account when the resource is an S3 bucket or object. Nothing is performed.
 */
public final class SimulateHandler extends IamHandler {

  private static final String S3_PREFIX = Arns.PREFIX + "s3:::";

  private final Authorizer authorizer;
  private final UserStore users;
  private final S3Authorization s3;

  public SimulateHandler(Authorizer authorizer, UserStore users, S3Authorization s3) {
    this.authorizer = authorizer;
    this.users = users;
    this.s3 = s3;
  }

  @Override
  public String action() {
    return "iam:SimulatePrincipalPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    String user = optional(body(ctx), "userName");
    return user == null ? caller.arn() : Arns.user(caller.accountId(), user);
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonNode body = body(ctx);
    Principal caller = caller(ctx);
    String action = required(body, "action");
    String resource = Arns.normalize(required(body, "resource"));
    String userName = optional(body, "userName");
    Principal subject = caller;
    if (userName != null && !userName.equals(caller.userName())) {
      if (!userName.equals(Principal.ROOT_USER)) {
        users.requireUser(caller.accountId(), userName);
      }
      subject = new Principal(caller.accountId(), userName, "simulated", caller.platformRoot());
    }
    Map<String, List<String>> context = authorizer.globalContext(ctx, subject);
    JsonNode extra = body.get("context");
    if (extra != null) {
      if (!extra.isObject()) {
        throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "context must be an object of key: value or [values]");
      }
      extra.properties().forEach(e -> {
        List<String> values = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(v -> values.add(v.asText()));
        } else {
          values.add(e.getValue().asText());
        }
        context.put(e.getKey(), values);
      });
    }
    String owner = null;
    NamedPolicy resourcePolicy = null;
    if (resource.startsWith(S3_PREFIX) && resource.length() > S3_PREFIX.length()) {
      String rest = resource.substring(S3_PREFIX.length());
      int slash = rest.indexOf('/');
      Optional<S3Authorization.BucketAccessPolicy> bucket = s3.forBucket(slash < 0 ? rest : rest.substring(0, slash));
      if (bucket.isPresent()) {
        owner = bucket.get().ownerAccountId();
        resourcePolicy = bucket.get().policy();
      }
    }
    Evaluation e = authorizer.evaluate(new AccessRequest(subject, action, resource, owner, context), resourcePolicy);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("principal", subject.arn());
    out.put("action", action);
    out.put("resource", resource);
    out.put("decision", e.decision().wireName());
    out.put("allowed", e.decision().allowed());
    out.put("reason", e.reason());
    out.put("matchedStatements", e.matchedStatements());
    respond(ctx, 200, out);
  }
}
