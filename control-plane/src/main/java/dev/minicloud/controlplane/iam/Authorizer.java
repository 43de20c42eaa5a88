package dev.minicloud.controlplane.iam;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.error.ErrorCode;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.iam.policy.AccessRequest;
import dev.minicloud.controlplane.iam.policy.BuiltInPolicies;
import dev.minicloud.controlplane.iam.policy.Decision;
import dev.minicloud.controlplane.iam.policy.Evaluation;
import dev.minicloud.controlplane.iam.policy.MalformedPolicyException;
import dev.minicloud.controlplane.iam.policy.NamedPolicy;
import dev.minicloud.controlplane.iam.policy.PolicyDocument;
import dev.minicloud.controlplane.iam.policy.PolicyEvaluator;
import dev.minicloud.controlplane.iam.policy.PolicyParser;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one authorization step: gathers the caller's identity policies (inline and attached), the
 * request's global condition keys and the resource's policy, asks the {@link PolicyEvaluator}, records
 * action, resource and decision on the {@link RequestContext} (for audit) and refuses denied calls.
 * Every protocol goes through here: S3 via {@link S3Authorization}, JSON APIs via {@link #guard}.
 */
public final class Authorizer {

  private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);
  private static final int MAX_CACHED_DOCUMENTS = 10_000;

  private final UserStore users;
  private final Clock clock;
  private final PolicyEvaluator engine = new PolicyEvaluator();
  private final Map<String, PolicyDocument> identityDocuments = new ConcurrentHashMap<>();
  private final Map<String, PolicyDocument> resourceDocuments = new ConcurrentHashMap<>();

  public Authorizer(UserStore users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  /**
   * The caller's identity policies: the user's own (inline, then attached), then those of each group
   * it belongs to (inline, then attached), all evaluated together so that an explicit deny in any of
   * them wins. None for a root user (implicitly allowed) or anonymous caller.
   */
  public List<NamedPolicy> identityPolicies(Principal principal) {
    if (principal == null || principal.isAccountRoot()) {
      return List.of();
    }
    Optional<UserRecord> user = users.user(principal.accountId(), principal.userName());
    if (user.isEmpty()) {
      return List.of();
    }
    List<NamedPolicy> out = new ArrayList<>();
    addPolicies(out, "", user.get().inlinePolicies(), user.get().attachedPolicies());
    for (String groupName : user.get().groups()) {
      // A group deleted meanwhile grants nothing (deletion requires it to have no members anyway).
      users.groups().group(principal.accountId(), groupName).ifPresent(g ->
          addPolicies(out, "group/" + groupName + ":", g.inlinePolicies(), g.attachedPolicies()));
    }
    return out;
  }

  private void addPolicies(List<NamedPolicy> out, String owner, Map<String, String> inline, List<String> attached) {
    inline.forEach((name, text) -> storedDocument(text, PolicyParser.Kind.IDENTITY)
        .ifPresent(d -> out.add(new NamedPolicy(owner + "inline:" + name, d))));
    for (String arn : attached) {
      Optional<PolicyDocument> doc = BuiltInPolicies.forArn(arn)
          .or(() -> users.policy(arn).flatMap(p -> storedDocument(p.document(), PolicyParser.Kind.IDENTITY)));
      doc.ifPresent(d -> out.add(new NamedPolicy(owner.isEmpty() ? arn : owner + arn, d)));
    }
  }

  /** A stored (so once validated) document, parsed once and cached by its text. */
  public Optional<PolicyDocument> storedDocument(String text, PolicyParser.Kind kind) {
    Map<String, PolicyDocument> cache = kind == PolicyParser.Kind.IDENTITY ? identityDocuments : resourceDocuments;
    PolicyDocument cached = cache.get(text);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      PolicyDocument doc = PolicyParser.parse(text, kind);
      if (cache.size() >= MAX_CACHED_DOCUMENTS) {
        cache.clear();
      }
      cache.put(text, doc);
      return Optional.of(doc);
    } catch (MalformedPolicyException e) {
      // Validated when stored; a document that no longer parses grants nothing.
      LOG.warn("ignoring a stored policy that does not parse: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The global condition keys of a request: source address, transport, time and the principal's keys. */
  public Map<String, List<String>> globalContext(RoutingContext ctx, Principal principal) {
    RequestContext rc = RequestContext.of(ctx);
    Map<String, List<String>> keys = new HashMap<>(AccessRequest.principalKeys(principal));
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    keys.put("aws:CurrentTime", List.of(now.toString()));
    keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
    keys.put("aws:SecureTransport", List.of(Boolean.toString(ctx.request().isSSL())));
    if (rc.sourceAddress() != null) {
      keys.put("aws:SourceIp", List.of(stripPort(rc.sourceAddress())));
    }
    String agent = ctx.request().getHeader("user-agent");
    if (agent != null) {
      keys.put("aws:UserAgent", List.of(agent));
    }
    return keys;
  }

  private static String stripPort(String address) {
    if (address.startsWith("[")) {
      int close = address.indexOf(']');
      return close > 0 ? address.substring(1, close) : address;
    }
    int colon = address.indexOf(':');
    return colon > 0 && colon == address.lastIndexOf(':') ? address.substring(0, colon) : address;
  }

  /** Evaluates without side effects (the simulator). */
  public Evaluation evaluate(AccessRequest request, NamedPolicy resourcePolicy) {
    return engine.evaluate(request, identityPolicies(request.principal()), resourcePolicy);
  }

  /**
   * Decides a request, records it on the context and throws {@code denied} (AccessDenied of the
   * request's protocol) when it is not allowed.
   */
  public Evaluation authorize(RequestContext rc, AccessRequest request, NamedPolicy resourcePolicy, ErrorCode denied,
      boolean recordOnContext) {
    return authorize(rc, request, resourcePolicy, null, denied, recordOnContext);
  }

  /**
   * As {@link #authorize(RequestContext, AccessRequest, NamedPolicy, ErrorCode, boolean)}, with a
   * second resource policy that is looked up only when the first leaves the request implicitly
   * denied (an object's ACL: read from the object index only on that path, never for allowed calls).
   */
  public Evaluation authorize(RequestContext rc, AccessRequest request, NamedPolicy resourcePolicy,
      Supplier<NamedPolicy> fallback, ErrorCode denied, boolean recordOnContext) {
    List<NamedPolicy> identity = identityPolicies(request.principal());
    Evaluation evaluation = engine.evaluate(request, identity, resourcePolicy);
    if (evaluation.decision() == Decision.IMPLICIT_DENY && fallback != null) {
      NamedPolicy wider = fallback.get();
      if (wider != null) {
        evaluation = engine.evaluate(request, identity, wider);
      }
    }
    if (recordOnContext || !evaluation.decision().allowed()) {
      rc.authorized(request.action(), request.resource(), evaluation.decision());
    }
    if (!evaluation.decision().allowed()) {
      LOG.debug("{} denied {} on {}: {}", rc.requestId(), request.action(), request.resource(), evaluation.reason());
      throw new ApiException(denied, deniedMessage(request, denied, evaluation.decision()));
    }
    return evaluation;
  }

  private static String deniedMessage(AccessRequest request, ErrorCode denied, Decision decision) {
    if (!(denied instanceof ApiErrorCode)) {
      return denied.defaultMessage();
    }
    String who = request.principal() == null ? "anonymous" : request.principal().arn();
    return "User: " + who + " is not authorized to perform: " + request.action() + " on resource: "
        + request.resource() + (decision == Decision.EXPLICIT_DENY ? " with an explicit deny" : "");
  }

  /**
   * The authorization route handler of one JSON API operation: runs right after authentication,
   * before the operation's handler.
   */
  public Handler<RoutingContext> guard(JsonOperation operation) {
    return ctx -> {
      RequestContext rc = RequestContext.of(ctx);
      Principal caller = rc.principal();
      String resource = operation.resource(ctx, caller);
      if (operation.platformRootOnly()) {
        boolean allowed = caller != null && caller.platformRoot() && caller.isAccountRoot();
        rc.authorized(operation.action(), resource, allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY);
        if (!allowed) {
          throw new ApiException(ApiErrorCode.ACCESS_DENIED, "Only the platform root user may call "
              + operation.action() + ".");
        }
        ctx.next();
        return;
      }
      Map<String, List<String>> context = globalContext(ctx, caller);
      authorize(rc, new AccessRequest(caller, operation.action(), resource, null, context), null,
          ApiErrorCode.ACCESS_DENIED, true);
      ctx.next();
    };
  }
}
