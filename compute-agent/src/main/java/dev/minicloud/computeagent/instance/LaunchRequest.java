package dev.minicloud.computeagent.instance;

import java.util.List;

/**
 * The control plane's order to launch one instance ({@code POST /internal/v1/instances}). The
 * control plane resolves catalogue names: the agent receives the Docker image and the limits.
 *
 * @param instanceId {@code i-} + 17 hex digits
 * @param accountId the owning account
 * @param imageId the catalogue image id (a label only)
 * @param image the local Docker image reference
 * @param instanceType the type name (a label only)
 * @param cpuMillis CPU quota in thousandths of a CPU
 * @param memoryBytes memory limit (swap = memory)
 * @param pidsLimit process limit
 * @param userData the init script (plain text, already decoded from base64), or null
 * @param ports container TCP ports to publish on the agent's host address
 */
public record LaunchRequest(
    String instanceId, String accountId, String imageId, String image, String instanceType, long cpuMillis,
    long memoryBytes, long pidsLimit, String userData, List<Integer> ports) {

  public LaunchRequest {
    ports = ports == null ? List.of() : List.copyOf(ports);
  }
}
