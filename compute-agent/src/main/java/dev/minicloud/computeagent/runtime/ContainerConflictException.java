package dev.minicloud.computeagent.runtime;

/** A container with the requested name already exists. */
public class ContainerConflictException extends ContainerRuntimeException {

  private static final long serialVersionUID = 1L;

  public ContainerConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
