package dev.minicloud.controlplane.http;

import dev.minicloud.common.id.Ids;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * First handler of every request: gives it a request id (returned as {@code x-amz-request-id} and
 * {@code x-amz-id-2}, as S3 does), decides its protocol, and writes one access-log line when the
 * response ends. Signatures in presigned URLs are redacted from the log.
 */
public final class RequestContextHandler implements Handler<RoutingContext> {

  private static final Pattern SECRET_QUERY_VALUES =
      Pattern.compile("((?i:X-Amz-Signature|X-Amz-Security-Token)=)[^&]*");

  private final Ids ids;
  private final Clock clock;
  private final AccessLog accessLog;

  public RequestContextHandler(Ids ids, Clock clock, AccessLog accessLog) {
    this.ids = ids;
    this.clock = clock;
    this.accessLog = accessLog;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String uri = request.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String query = q < 0 ? null : uri.substring(q + 1);
    ApiSurface surface = SurfaceClassifier.classify(
        request.method().name(), path, request.getHeader("content-type"));
    SocketAddress remote = request.remoteAddress();
    RequestContext rc = new RequestContext(ids.requestId(), surface, clock.instant(), System.nanoTime(),
        remote == null ? "-" : remote.hostAddress());
    rc.attach(ctx);
    ctx.response()
        .putHeader("x-amz-request-id", rc.requestId())
        .putHeader("x-amz-id-2", hostId())
        .putHeader("server", "MiniCloud");
    ctx.addEndHandler(done -> logAccess(ctx, rc, path, query));
    ctx.next();
  }

  private static String hostId() {
    byte[] bytes = new byte[24];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private void logAccess(RoutingContext ctx, RequestContext rc, String path, String query) {
    if (!accessLog.enabled()) {
      return;
    }
    var principal = rc.principal();
    accessLog.add(clock.millis(), accessLine(rc.requestId(), rc.sourceAddress(), ctx.request().method().name(), path,
        query,
        ctx.response().getStatusCode(), ctx.response().bytesWritten(), (System.nanoTime() - rc.startNanos()) / 1_000,
        principal == null ? "-" : principal.accountId() + "/" + principal.userName()));
  }

  /**
   * {@code <request id> <source> <method> <path>[?<query>] <status> <bytes>B <ms.mmm>ms <account/user>},
   * with presigned signatures redacted. Built by hand, once per request on the event loop:
   * String.format and placeholder substitution were a visible share of a small request's CPU.
   */
  static String accessLine(String requestId, String source, String method, String path, String query,
      int status, long bytesWritten, long micros, String principal) {
    StringBuilder line = new StringBuilder(160)
        .append(requestId).append(' ').append(source).append(' ').append(method).append(' ').append(path);
    if (query != null) {
      line.append('?').append(SECRET_QUERY_VALUES.matcher(query).replaceAll("$1REDACTED"));
    }
    line.append(' ').append(status).append(' ').append(bytesWritten).append("B ").append(micros / 1000).append('.');
    long fraction = micros % 1000;
    if (fraction < 100) {
      line.append(fraction < 10 ? "00" : "0");
    }
    return line.append(fraction).append("ms ").append(principal).toString();
  }
}
