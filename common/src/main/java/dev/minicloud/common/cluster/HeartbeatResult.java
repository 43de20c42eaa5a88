package dev.minicloud.common.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one registration/heartbeat call.
 *
 * @param outcome what happened
 * @param httpStatus the control plane's HTTP status, or 0 when it did not answer
 * @param errorCode the error code from the control plane's JSON error body, or null
 * @param message a human-readable explanation (never contains the cluster token)
 * @param at when the call finished, by the registration's clock
 */
public record HeartbeatResult(Outcome outcome, int httpStatus, String errorCode, String message, Instant at) {

  /** What a registration/heartbeat call came to. */
  public enum Outcome {
    /** 200: the control plane knows the node as up. */
    ACCEPTED,
    /** 401/403: the control plane refused the cluster token. Retried, but needs an operator. */
    REJECTED,
    /** Any other HTTP status: the control plane answered but could not register the node. */
    FAILED,
    /** No answer: connection refused, reset or timed out. */
    UNREACHABLE
  }

  public HeartbeatResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
  }

  public boolean accepted() {
    return outcome == Outcome.ACCEPTED;
  }
}
