package dev.minicloud.computeagent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's only view of the container engine. Narrow on purpose: the agent, its handlers and
 * its tests depend on this, never on docker-java, so a fake or a decorator (metrics, fault
 * injection) can stand in. Calls block; call them off the Vert.x event loop.
 *
 * <p>Every method may throw {@link ContainerRuntimeUnavailableException} when the engine cannot be
 * reached and {@link ContainerRuntimeException} when it answers with an error; methods naming a
 * container throw {@link ContainerNotFoundException} when it does not exist.
 */
public interface ContainerRuntime extends AutoCloseable {

  /** Checks that the engine answers. */
  void ping();

  /** The engine's resources and version. */
  RuntimeInfo info();

  /** Creates the bridge network {@code name} unless it exists. Idempotent. */
  void ensureNetwork(String name);

  /** Whether the image exists locally (images are never pulled). */
  boolean imageExists(String image);

  /**
   * Creates (does not start) a hardened container as {@code spec} says.
   *
   * @return the container id
   * @throws ContainerNotFoundException when the image does not exist locally
   * @throws ContainerConflictException when a container of that name exists
   */
  String create(ContainerSpec spec);

  /** Starts a container; starting a running one does nothing. */
  void start(String containerId);

  /** Stops a container (SIGTERM, then SIGKILL after {@code grace}); stopping a stopped one does nothing. */
  void stop(String containerId, Duration grace);

  /** Restarts a container (stop with {@code grace}, then start). */
  void restart(String containerId, Duration grace);

  /** Removes a container, killing it first if it runs. Removing a missing one does nothing. */
  void remove(String containerId);

  /** The container with this id or name, if it exists. */
  Optional<ContainerInfo> inspect(String containerId);

  /** Every container (running or not) carrying all of {@code labels}. */
  List<ContainerInfo> list(Map<String, String> labels);

  /** The last {@code tail} lines of the container's stdout and stderr, interleaved as written. */
  String logs(String containerId, int tail);

  /**
   * Streams the container's console as it is written, starting with its last {@code tail} lines,
   * until the container stops or the returned handle is closed. {@code output} receives each chunk
   * and {@code end} is called once at the end, with null or the failure; both on an engine thread.
   */
  AutoCloseable followLogs(String containerId, int tail, java.util.function.Consumer<byte[]> output,
      java.util.function.Consumer<Throwable> end);

  /** Runs {@code command} in the running container and waits up to {@code timeout} for it. */
  ExecResult exec(String containerId, List<String> command, Duration timeout);

  /**
   * Creates the image {@code repository:tag} from a root filesystem tarball (like
   * {@code docker import}), replacing any image of that name.
   */
  void importImage(java.nio.file.Path rootfsTarball, String repository, String tag);

  /** Releases connections to the engine. */
  @Override
  void close();
}
