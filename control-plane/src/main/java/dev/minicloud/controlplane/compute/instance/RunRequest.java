package dev.minicloud.controlplane.compute.instance;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /compute/v1/instances}.
 *
 * @param imageId an {@code img-} id, or the name of an image the caller may launch (e.g. {@code busybox})
 * @param instanceType a type name (default {@code small})
 * @param minCount fewest instances to launch, else nothing is launched (default 1)
 * @param maxCount most instances to launch (default {@code minCount})
 * @param userData the init script, base64, at most 16 KiB decoded
 * @param tags tags, key to value
 * @param ports container TCP ports to publish on the agent's host address
 * @param clientToken idempotency token: the same token never launches a second set
 */
public record RunRequest(
    String imageId, String instanceType, Integer minCount, Integer maxCount, String userData,
    Map<String, String> tags, List<Integer> ports, String clientToken) {}
