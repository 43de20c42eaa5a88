package dev.minicloud.controlplane.http;

import dev.minicloud.controlplane.iam.policy.Decision;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Objects;

/**
 * What every request carries through the control plane: its id, its protocol, when it arrived,
 * where from, and (once SigV4 succeeds) who sent it. Policy, audit and metering read it here.
 */
public final class RequestContext {

  private static final String KEY = RequestContext.class.getName();

  private final String requestId;
  private final ApiSurface surface;
  private final Instant receivedAt;
  private final long startNanos;
  private final String sourceAddress;
  private volatile Principal principal;
  private volatile String action;
  private volatile String resource;
  private volatile Decision decision;
  private volatile String errorCode;
  private volatile int requestTier;

  RequestContext(String requestId, ApiSurface surface, Instant receivedAt, long startNanos, String sourceAddress) {
    this.requestId = requestId;
    this.surface = surface;
    this.receivedAt = receivedAt;
    this.startNanos = startNanos;
    this.sourceAddress = sourceAddress;
  }

  /** The context of a request; present on every request after {@link RequestContextHandler}. */
  public static RequestContext of(RoutingContext ctx) {
    return Objects.requireNonNull(ctx.get(KEY), "RequestContextHandler must run first");
  }

  void attach(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  public String requestId() {
    return requestId;
  }

  public ApiSurface surface() {
    return surface;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public long startNanos() {
    return startNanos;
  }

  public String sourceAddress() {
    return sourceAddress;
  }

  /** The authenticated caller, or null before authentication (and for anonymous requests). */
  public Principal principal() {
    return principal;
  }

  public void authenticated(Principal principal) {
    this.principal = principal;
  }

  /** The API action being performed (e.g. {@code sts:GetCallerIdentity}), for audit and metrics. */
  public String action() {
    return action;
  }

  public void action(String action) {
    this.action = action;
  }

  /**
   * The resource the authorization step decided on (an ARN such as
   * {@code arn:minicloud:s3:::bucket/key}, or {@code *}); null before authorization.
   */
  public String resource() {
    return resource;
  }

  /** The policy engine's decision for this request; null if it was not authorized (yet). */
  public Decision decision() {
    return decision;
  }

  /** Records the authorization step's outcome (for audit): the action, resource and decision. */
  public void authorized(String action, String resource, Decision decision) {
    this.action = action;
    this.resource = resource;
    this.decision = decision;
  }

  /** The error code written to the client (e.g. {@code NoSuchBucket}), or null; for audit. */
  public String errorCode() {
    return errorCode;
  }

  public void errorCode(String code) {
    this.errorCode = code;
  }

  /**
   * The metering tier of the request (1: PUT, COPY, POST, LIST; 2: GET, HEAD and the rest), or 0
   * when the protocol did not say (metering then decides by HTTP method).
   */
  public int requestTier() {
    return requestTier;
  }

  public void requestTier(int tier) {
    this.requestTier = tier;
  }
}
