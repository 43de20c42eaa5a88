package dev.minicloud.computeagent.runtime;

/** The container engine failed a call. The message says what was asked and what the engine said. */
public class ContainerRuntimeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ContainerRuntimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
