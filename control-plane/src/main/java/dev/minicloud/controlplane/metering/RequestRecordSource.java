package dev.minicloud.controlplane.metering;

import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.metadata.WriteBatch;
import io.vertx.ext.web.RoutingContext;

/**
 * Another record of an authenticated request that goes into the same write as its usage, before
 * its response (the audit record: {@code audit.AuditRecorder}), so a request costs one
 * write-ahead-log append however many records it leaves.
 */
@FunctionalInterface
public interface RequestRecordSource {

  /**
   * Adds this request's records to {@code batch}, or nothing. Runs on the event loop when the
   * response headers are about to be written: puts only, no reads, nothing that blocks.
   */
  void addTo(WriteBatch batch, RoutingContext ctx, RequestContext rc);
}
