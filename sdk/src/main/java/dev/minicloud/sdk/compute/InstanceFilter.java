package dev.minicloud.sdk.compute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which instances {@code describeInstances} returns; every condition set must hold. Mutable
 * builder-style: {@code new InstanceFilter().state("running").tag("Name", "web")}.
 */
public final class InstanceFilter {

  /** Instances per page the server is asked for (its maximum). */
  public static final int DEFAULT_PAGE_SIZE = 1000;

  private final List<String> instanceIds = new ArrayList<>();
  private final List<String> states = new ArrayList<>();
  private String instanceType;
  private String imageId;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private int pageSize = DEFAULT_PAGE_SIZE;

  /** Only these instances. */
  public InstanceFilter instanceId(String... instanceIds) {
    this.instanceIds.addAll(List.of(instanceIds));
    return this;
  }

  /** Only instances in one of these states ({@code running}, {@code stopped}, ...). */
  public InstanceFilter state(String... states) {
    this.states.addAll(List.of(states));
    return this;
  }

  /** Only instances of this type. */
  public InstanceFilter instanceType(String instanceType) {
    this.instanceType = instanceType;
    return this;
  }

  /** Only instances launched from this image id. */
  public InstanceFilter imageId(String imageId) {
    this.imageId = imageId;
    return this;
  }

  /** Only instances with this tag value. */
  public InstanceFilter tag(String key, String value) {
    tags.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
    return this;
  }

  /** Instances per request, 1 to 1000. */
  public InstanceFilter pageSize(int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1 to 1000");
    }
    this.pageSize = pageSize;
    return this;
  }

  /** The instance ids. */
  public List<String> instanceIds() {
    return List.copyOf(instanceIds);
  }

  /** The states. */
  public List<String> states() {
    return List.copyOf(states);
  }

  /** The instance type, or null. */
  public String instanceType() {
    return instanceType;
  }

  /** The image id, or null. */
  public String imageId() {
    return imageId;
  }

  /** The tag conditions. */
  public Map<String, String> tags() {
    return Map.copyOf(tags);
  }

  /** The page size. */
  public int pageSize() {
    return pageSize;
  }
}
