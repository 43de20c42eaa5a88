package dev.minicloud.computeagent.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerRuntime} on a Docker engine through docker-java and its Apache HttpClient 5
 * transport. The only class of the agent that imports docker-java.
 */
public final class DockerContainerRuntime implements ContainerRuntime {

  /** The local engine's socket. */
  public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

  /** Time allowed to connect to the engine. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Time allowed for the engine's answer to a call. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(DockerContainerRuntime.class);

  private final String dockerHost;
  private final DockerClient client;

  /** A runtime on the engine at {@code dockerHost}, e.g. {@value #DEFAULT_DOCKER_HOST} or {@code tcp://127.0.0.1:2375}. */
  public DockerContainerRuntime(String dockerHost) {
    this(dockerHost, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT);
  }

  public DockerContainerRuntime(String dockerHost, Duration connectTimeout, Duration responseTimeout) {
    this.dockerHost = Objects.requireNonNull(dockerHost, "dockerHost");
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost)
        .build();
    DockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(32)
        .connectionTimeout(connectTimeout)
        .responseTimeout(responseTimeout)
        .build();
    this.client = DockerClientImpl.getInstance(config, http);
  }

  @Override
  public void ping() {
    call("ping", () -> client.pingCmd().exec());
  }

  @Override
  public RuntimeInfo info() {
    Info info = call("info", () -> client.infoCmd().exec());
    return new RuntimeInfo(
        info.getNCPU() == null ? 0 : info.getNCPU(),
        info.getMemTotal() == null ? 0 : info.getMemTotal(),
        info.getServerVersion());
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("Closing the Docker client for {} failed", dockerHost, e);
    }
  }

  /** The engine address this runtime talks to. */
  public String dockerHost() {
    return dockerHost;
  }

  /** Runs one docker-java call and translates its failures: this is the one place that does. */
  private <T> T call(String what, Supplier<T> command) {
    try {
      return command.get();
    } catch (DockerException e) {
      throw new ContainerRuntimeException("Docker " + what + " at " + dockerHost + " failed with HTTP "
          + e.getHttpStatus() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // The transport wraps I/O failures (missing socket, refused, timeout) in unchecked exceptions.
      if (hasIoCause(e)) {
        throw new ContainerRuntimeUnavailableException("Docker engine at " + dockerHost + " is not reachable ("
            + what + "): " + rootMessage(e), e);
      }
      throw new ContainerRuntimeException("Docker " + what + " at " + dockerHost + " failed: " + rootMessage(e), e);
    }
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
