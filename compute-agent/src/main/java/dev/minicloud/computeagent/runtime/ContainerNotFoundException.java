package dev.minicloud.computeagent.runtime;

/** The container (or image) asked for does not exist on the engine. */
public class ContainerNotFoundException extends ContainerRuntimeException {

  private static final long serialVersionUID = 1L;

  public ContainerNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
