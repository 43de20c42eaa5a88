package dev.minicloud.computeagent.runtime;

/**
 * The container engine could not be reached (no socket, connection refused, timeout). Retriable:
 * the engine may come back, and the agent keeps running and reporting {@code dockerAvailable:false}.
 */
public class ContainerRuntimeUnavailableException extends ContainerRuntimeException {

  private static final long serialVersionUID = 1L;

  public ContainerRuntimeUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
