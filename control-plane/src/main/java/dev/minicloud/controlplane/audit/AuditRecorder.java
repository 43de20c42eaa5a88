package dev.minicloud.controlplane.audit;

import dev.minicloud.controlplane.http.ApiSurface;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.identity.Principal;
import dev.minicloud.controlplane.metadata.WriteBatch;
import dev.minicloud.controlplane.metering.RequestRecordSource;
import dev.minicloud.controlplane.s3.S3Request;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Decides and builds the audit record of every authenticated call: when its response headers are
 * written (its outcome decided), {@link dev.minicloud.controlplane.metering.RequestRecordsHook}
 * asks it for the request's record and writes it, with the request's usage, in one batch to
 * RocksDB's write-ahead log before the response goes out (survives a process crash, fsynced within
 * 100 ms). Unauthenticated requests (no valid signature) have no principal and are not audited;
 * they are in the access log. Successful data-plane reads (S3 GET/HEAD) are sampled at
 * {@code readSampleRate}; writes, denials and errors never are.
 */
public final class AuditRecorder implements RequestRecordSource {

  private final AuditLog log;
  private final Clock clock;
  private final double readSampleRate;
  private final String virtualHostDomain;

  /**
   * @param readSampleRate share of successful S3 GET/HEAD calls recorded, 0.0 to 1.0
   *     ({@code MINICLOUD_AUDIT_READ_SAMPLE_RATE}, default 1.0: everything)
   */
  public AuditRecorder(AuditLog log, Clock clock, double readSampleRate, String virtualHostDomain) {
    if (readSampleRate < 0 || readSampleRate > 1) {
      throw new IllegalArgumentException("audit read sample rate must be within 0..1, got " + readSampleRate);
    }
    this.log = log;
    this.clock = clock;
    this.readSampleRate = readSampleRate;
    this.virtualHostDomain = virtualHostDomain;
  }

  @Override
  public void addTo(WriteBatch batch, RoutingContext ctx, RequestContext rc) {
    Principal principal = rc.principal();
    if (principal == null) {
      return;
    }
    int status = ctx.response().getStatusCode();
    if (status < 400 && isDataPlaneRead(ctx, rc) && !sampled(rc.requestId())) {
      return;
    }
    log.appendTo(batch, new AuditRecord(clock.instant(), rc.requestId(), principal.accountId(), principal.userName(),
        principal.accessKeyId(), rc.action() == null ? "unknown" : rc.action(), resource(ctx, rc), rc.sourceAddress(),
        ctx.request().getHeader("user-agent"), rc.requestId(), status, AuditRecord.outcomeOf(status),
        status >= 400 ? (rc.errorCode() == null ? "HTTP" + status : rc.errorCode()) : null));
  }

  private static boolean isDataPlaneRead(RoutingContext ctx, RequestContext rc) {
    HttpMethod method = ctx.request().method();
    return rc.surface() == ApiSurface.S3 && (method == HttpMethod.GET || method == HttpMethod.HEAD);
  }

  /** Deterministic per request id, so a replayed decision is the same. */
  private boolean sampled(String requestId) {
    if (readSampleRate >= 1) {
      return true;
    }
    double position = (requestId.hashCode() & 0x7fffffff) / (double) Integer.MAX_VALUE;
    return position < readSampleRate;
  }

  /** The ARN authorization decided on; else one derived from the request (e.g. denied before it). */
  private String resource(RoutingContext ctx, RequestContext rc) {
    if (rc.resource() != null && !"*".equals(rc.resource())) {
      return rc.resource();
    }
    if (rc.surface() != ApiSurface.S3) {
      return ctx.request().path();
    }
    try {
      S3Request s3 = S3Request.parse(ctx.request().uri(), ctx.request().getHeader("host"), virtualHostDomain);
      if (s3.bucket() == null) {
        return "arn:minicloud:s3:::*";
      }
      return "arn:minicloud:s3:::" + s3.bucket() + (s3.key() == null ? "" : "/" + s3.key());
    } catch (RuntimeException e) {
      return ctx.request().path();
    }
  }
}
