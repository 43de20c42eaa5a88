package dev.minicloud.controlplane.iam.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.controlplane.identity.IdentityStore;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /iam/v1/accounts {name}} (platform root only): a new tenant account with its root
 * user's first access key; the secret is in this answer and nowhere else.
 */
public final class CreateAccountHandler extends IamHandler {

  private final IdentityStore identity;
  private final Clock clock;

  public CreateAccountHandler(IdentityStore identity, Clock clock) {
    this.identity = identity;
    this.clock = clock;
  }

  @Override
  public String action() {
    return "iam:CreateAccount";
  }

  @Override
  public boolean platformRootOnly() {
    return true;
  }

  @Override
  public void handle(RoutingContext ctx) {
    JsonNode body = body(ctx);
    String name = required(body, "name");
    checkName("name", name);
    IdentityStore.NewKey created = identity.createAccount(name, clock.instant());
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("accessKeyId", created.record().accessKeyId());
    key.put("secretAccessKey", created.secretAccessKey());
    Map<String, Object> out = new LinkedHashMap<>(AccountView.of(identity.requireAccount(created.record().accountId())));
    out.put("rootAccessKey", key);
    respond(ctx, 201, out);
  }
}
