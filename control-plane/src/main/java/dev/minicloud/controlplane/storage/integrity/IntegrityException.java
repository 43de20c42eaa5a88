package dev.minicloud.controlplane.storage.integrity;

import java.util.Objects;

/** The one exception of this package: a typed {@link IntegrityFailure} and a message. */
public final class IntegrityException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final IntegrityFailure failure;

  public IntegrityException(IntegrityFailure failure, String message) {
    super(message);
    this.failure = Objects.requireNonNull(failure);
  }

  public IntegrityFailure failure() {
    return failure;
  }

  @Override
  public String toString() {
    return "IntegrityException[" + failure + ": " + getMessage() + "]";
  }
}
