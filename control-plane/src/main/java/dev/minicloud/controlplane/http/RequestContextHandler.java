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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every request: gives it a request id (returned as {@code x-amz-request-id} and
 * {@code x-amz-id-2}, as S3 does), decides its protocol, and writes one access-log line when the
 * response ends. Signatures in presigned URLs are redacted from the log.
 */
public final class RequestContextHandler implements Handler<RoutingContext> {

  private static final Logger ACCESS_LOG = LoggerFactory.getLogger("minicloud.access");
  private static final Pattern SECRET_QUERY_VALUES =
      Pattern.compile("((?i:X-Amz-Signature|X-Amz-Security-Token)=)[^&]*");

  private final Ids ids;
  private final Clock clock;

  public RequestContextHandler(Ids ids, Clock clock) {
    this.ids = ids;
    this.clock = clock;
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

  private static void logAccess(RoutingContext ctx, RequestContext rc, String path, String query) {
    if (!ACCESS_LOG.isInfoEnabled()) {
      return;
    }
    long micros = (System.nanoTime() - rc.startNanos()) / 1_000;
    String shownQuery = query == null ? "" : "?" + SECRET_QUERY_VALUES.matcher(query).replaceAll("$1REDACTED");
    var principal = rc.principal();
    ACCESS_LOG.info("{} {} {} {}{} {} {}B {}.{}ms {}",
        rc.requestId(), rc.sourceAddress(), ctx.request().method(), path, shownQuery,
        ctx.response().getStatusCode(), ctx.response().bytesWritten(),
        micros / 1000, String.format("%03d", micros % 1000),
        principal == null ? "-" : principal.accountId() + "/" + principal.userName());
  }
}
