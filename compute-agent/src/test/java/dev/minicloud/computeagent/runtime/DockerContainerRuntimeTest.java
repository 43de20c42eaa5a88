package dev.minicloud.computeagent.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure translation, without an engine: a socket path where nothing listens. */
class DockerContainerRuntimeTest {

  @TempDir
  Path dir;

  @Test
  void anEngineThatIsNotThereIsUnavailable() {
    String host = "unix://" + dir.resolve("no-docker.sock");
    try (DockerContainerRuntime runtime = new DockerContainerRuntime(host, Duration.ofSeconds(1), Duration.ofSeconds(2))) {
      ContainerRuntimeUnavailableException ping = assertThrows(ContainerRuntimeUnavailableException.class, runtime::ping);
      assertTrue(ping.getMessage().contains(host), ping.getMessage());
      assertThrows(ContainerRuntimeUnavailableException.class, runtime::info);
    }
  }
}
