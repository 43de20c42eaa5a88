package dev.minicloud.controlplane.metering;

import dev.minicloud.controlplane.http.ApiSurface;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.identity.Principal;
import dev.minicloud.controlplane.metadata.WriteBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place requests leave records, registered once in the router for every protocol: usage
 * (metering) and, through its {@link RequestRecordSource}s, the audit record. It hooks the two ends
 * of the response:
 * <ul>
 *   <li>when the headers are about to be written (the outcome is decided, nothing is on the wire
 *       yet), one batch holding the request's usage journal entry (tier count and body bytes
 *       received so far, {@link UsageStore#journal}) and its audit record is written to RocksDB's
 *       write-ahead log <em>before</em> the client can see the response ({@link UsageJournal#logNow},
 *       on the event loop: one log append, no read, no hand-off; it survives a process crash, is
 *       fsynced within {@link UsageJournal#SYNC_INTERVAL}, and the journal thread folds it into the
 *       hourly aggregates moments later);</li>
 *   <li>when the response ends (completely or because the client went away), the bytes actually
 *       sent and any bytes received after the headers are queued as a second journal entry
 *       (written by the journal thread's next group write, within milliseconds).</li>
 * </ul>
 * Event ids derive from the request id, so nothing here can count a request twice. Only
 * authenticated calls are billed (to the caller's account), and only the billable surfaces: the S3
 * API and the compute API; every authenticated call is offered to the record sources. It also
 * feeds the operations metrics (every request, Micrometer).
 */
public final class RequestRecordsHook implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RequestRecordsHook.class);

  private final UsageJournal journal;
  private final UsageStore usage;
  private final List<RequestRecordSource> sources;
  private final boolean logBeforeResponse;
  private final Consumer<String> storageChanged;
  private final MeterRegistry registry;
  private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param sources records written in the same batch as the usage (the audit record)
   * @param storageChanged told the account id after every successful S3 write, so the storage
   *     sampler takes a sample soon
   * @param logBeforeResponse see {@link MeteringOptions#logBeforeResponse}
   */
  public RequestRecordsHook(UsageJournal journal, UsageStore usage, List<RequestRecordSource> sources,
      Consumer<String> storageChanged, MeterRegistry registry, boolean logBeforeResponse) {
    this.journal = journal;
    this.usage = usage;
    this.sources = List.copyOf(sources);
    this.logBeforeResponse = logBeforeResponse;
    this.storageChanged = storageChanged;
    this.registry = registry;
  }

  private static final class Progress {
    boolean requestRecorded;
    long bytesInRecorded;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestContext rc = RequestContext.of(ctx);
    Progress progress = new Progress();
    ctx.addHeadersEndHandler(v -> beforeResponse(ctx, rc, progress));
    ctx.addEndHandler(done -> afterResponse(ctx, rc, progress));
    ctx.next();
  }

  private void beforeResponse(RoutingContext ctx, RequestContext rc, Progress progress) {
    Principal principal = rc.principal();
    if (principal == null) {
      return; // not authenticated: neither billed nor audited (the access log has it)
    }
    boolean billed = billable(ctx, rc);
    long in = billed ? ctx.request().bytesRead() : 0;
    try {
      WriteBatch batch = new WriteBatch();
      if (billed) {
        String meter = tier(ctx, rc) == 1 ? Meters.REQUESTS_TIER1 : Meters.REQUESTS_TIER2;
        UsageEvent request = UsageEvent.of(rc.requestId() + "/req", principal.accountId(), meter, rc.receivedAt(), 1);
        usage.journal(batch, rc.requestId(), in > 0
            ? List.of(request, UsageEvent.of(rc.requestId() + "/in", principal.accountId(), Meters.TRANSFER_IN,
                rc.receivedAt(), in))
            : List.of(request));
      }
      for (RequestRecordSource source : sources) {
        source.addTo(batch, ctx, rc);
      }
      if (!batch.isEmpty()) {
        journal.log(logBeforeResponse, batch);
      }
      progress.requestRecorded = billed;
      progress.bytesInRecorded = in;
    } catch (RuntimeException e) {
      LOG.error("{} usage and audit record not written", rc.requestId(), e);
    }
  }

  private void afterResponse(RoutingContext ctx, RequestContext rc, Progress progress) {
    int status = ctx.response().getStatusCode();
    long in = ctx.request().bytesRead();
    long out = ctx.response().bytesWritten();
    recordOperationsMetrics(rc, status, in, out);
    Principal principal = rc.principal();
    if (principal == null || !billable(ctx, rc)) {
      return;
    }
    List<UsageEvent> events = new ArrayList<>(2);
    if (in > progress.bytesInRecorded) {
      events.add(UsageEvent.of(rc.requestId() + "/in-late", principal.accountId(), Meters.TRANSFER_IN,
          rc.receivedAt(), in - progress.bytesInRecorded));
    }
    if (out > 0) {
      events.add(UsageEvent.of(rc.requestId() + "/out", principal.accountId(), Meters.TRANSFER_OUT, rc.receivedAt(), out));
    }
    if (!events.isEmpty()) {
      // A second journal entry of this request, queued for the journal thread's next group write
      // (no read, no marker; the fold counts it once).
      WriteBatch batch = new WriteBatch();
      usage.journal(batch, rc.requestId() + "/end", events);
      journal.log(false, batch);
    }
    if (progress.requestRecorded && rc.surface() == ApiSurface.S3 && status < 300 && changesStorage(ctx.request().method())) {
      storageChanged.accept(principal.accountId());
    }
  }

  private static boolean billable(RoutingContext ctx, RequestContext rc) {
    return rc.surface() == ApiSurface.S3 || ctx.request().path().startsWith("/compute/v1/");
  }

  private static int tier(RoutingContext ctx, RequestContext rc) {
    if (rc.requestTier() != 0) {
      return rc.requestTier();
    }
    HttpMethod method = ctx.request().method();
    return method == HttpMethod.PUT || method == HttpMethod.POST ? 1 : 2;
  }

  private static boolean changesStorage(HttpMethod method) {
    return method == HttpMethod.PUT || method == HttpMethod.POST || method == HttpMethod.DELETE;
  }

  private void recordOperationsMetrics(RequestContext rc, int status, long in, long out) {
    String api = rc.surface().name().toLowerCase(java.util.Locale.ROOT);
    String action = rc.action() == null ? "none" : rc.action();
    timers.computeIfAbsent(api + ' ' + action + ' ' + status, k -> Timer.builder("minicloud.api.requests")
            .description("Requests by API, action and HTTP status (operations metric, not billing)")
            .tag("api", api).tag("action", action).tag("status", Integer.toString(status))
            .register(registry))
        .record(System.nanoTime() - rc.startNanos(), TimeUnit.NANOSECONDS);
    if (in > 0) {
      bytes(api, "in").increment(in);
    }
    if (out > 0) {
      bytes(api, "out").increment(out);
    }
  }

  private Counter bytes(String api, String direction) {
    return counters.computeIfAbsent(api + ' ' + direction, k -> Counter.builder("minicloud.api.bytes")
        .description("Body bytes by API and direction (operations metric, not billing)")
        .tag("api", api).tag("direction", direction).register(registry));
  }
}
