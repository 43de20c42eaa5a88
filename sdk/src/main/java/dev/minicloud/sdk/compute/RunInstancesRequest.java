package dev.minicloud.sdk.compute;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to launch. Mutable builder-style:
 * {@code new RunInstancesRequest("busybox").instanceType("nano").userData(script).port(80)}.
 */
public final class RunInstancesRequest {

  private final String imageId;
  private String instanceType;
  private int minCount = 1;
  private int maxCount = 1;
  private byte[] userData;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private final List<Integer> ports = new ArrayList<>();
  private String clientToken;

  /** A request for one instance of {@code imageId} (an {@code img-...} id or an image name). */
  public RunInstancesRequest(String imageId) {
    this.imageId = Objects.requireNonNull(imageId, "imageId");
  }

  /** The instance type ({@code nano}, {@code micro}, {@code small}, ...); the server's default is {@code small}. */
  public RunInstancesRequest instanceType(String instanceType) {
    this.instanceType = instanceType;
    return this;
  }

  /** Launch at least {@code min} and at most {@code max} instances (nothing when fewer than min fit). */
  public RunInstancesRequest count(int min, int max) {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("counts must satisfy 1 <= min <= max");
    }
    this.minCount = min;
    this.maxCount = max;
    return this;
  }

  /** A shell script run at every boot (its output goes to the console); at most 16 KiB. */
  public RunInstancesRequest userData(String script) {
    return userData(script == null ? null : script.getBytes(StandardCharsets.UTF_8));
  }

  /** User data as bytes (sent base64-encoded). */
  public RunInstancesRequest userData(byte[] script) {
    this.userData = script == null ? null : script.clone();
    return this;
  }

  /** Adds a tag. */
  public RunInstancesRequest tag(String key, String value) {
    tags.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
    return this;
  }

  /** Publishes container TCP ports on the agent's host address. */
  public RunInstancesRequest port(int... containerPorts) {
    Arrays.stream(containerPorts).forEach(ports::add);
    return this;
  }

  /** An idempotency token: the same token returns the same instances instead of launching more. */
  public RunInstancesRequest clientToken(String clientToken) {
    this.clientToken = clientToken;
    return this;
  }

  /** The {@code imageId} setting. */
  public String imageId() {
    return imageId;
  }

  /** The {@code instanceType} setting, or null for the server's default. */
  public String instanceType() {
    return instanceType;
  }

  /** The minimum count. */
  public int minCount() {
    return minCount;
  }

  /** The maximum count. */
  public int maxCount() {
    return maxCount;
  }

  /** The user data, or null. */
  public byte[] userData() {
    return userData == null ? null : userData.clone();
  }

  /** The tags. */
  public Map<String, String> tags() {
    return Map.copyOf(tags);
  }

  /** The ports to publish. */
  public List<Integer> ports() {
    return List.copyOf(ports);
  }

  /** The client token, or null. */
  public String clientToken() {
    return clientToken;
  }
}
