package dev.minicloud.controlplane.http;

import dev.minicloud.common.error.ErrorCode;
import dev.minicloud.common.sigv4.AuthFailure;
import io.vertx.ext.web.RoutingContext;

/**
 * One protocol's error model: which of its codes stands for each generic failure, and how an error
 * is written on the wire. Implemented once per protocol (S3 XML, STS XML, JSON).
 */
public interface ProtocolErrors {

  /** The protocol's code for a SigV4 failure; the one place such failures are translated. */
  ErrorCode forAuthFailure(AuthFailure failure);

  ErrorCode internalError();

  ErrorCode notFound();

  ErrorCode requestTooLarge();

  ErrorCode badRequest();

  /** Writes the error response and ends it. */
  void write(RoutingContext ctx, RequestContext rc, ErrorCode code, String message);
}
