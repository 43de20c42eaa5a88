package dev.minicloud.computeagent.runtime;

/**
 * The agent's only view of the container engine. Narrow on purpose: the agent, its handlers and
 * its tests depend on this, never on docker-java, so a fake or a decorator (metrics, fault
 * injection) can stand in. Calls block; call them off the Vert.x event loop.
 *
 * <p>Instance operations (create, start, stop, remove, list by label, logs, exec) join this
 * interface with the instance issue.
 */
public interface ContainerRuntime extends AutoCloseable {

  /**
   * Checks that the engine answers.
   *
   * @throws ContainerRuntimeUnavailableException when it cannot be reached
   * @throws ContainerRuntimeException when it answers with an error
   */
  void ping();

  /**
   * The engine's resources and version.
   *
   * @throws ContainerRuntimeUnavailableException when it cannot be reached
   * @throws ContainerRuntimeException when it answers with an error
   */
  RuntimeInfo info();

  /** Releases connections to the engine. */
  @Override
  void close();
}
