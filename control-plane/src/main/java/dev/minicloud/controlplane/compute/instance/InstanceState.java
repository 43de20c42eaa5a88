package dev.minicloud.controlplane.compute.instance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** EC2's instance states and their codes. */
public enum InstanceState {
  PENDING(0, "pending"),
  RUNNING(16, "running"),
  SHUTTING_DOWN(32, "shutting-down"),
  TERMINATED(48, "terminated"),
  STOPPING(64, "stopping"),
  STOPPED(80, "stopped");

  private final int code;
  private final String wireName;

  InstanceState(int code, String wireName) {
    this.code = code;
    this.wireName = wireName;
  }

  public int code() {
    return code;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** A state that an operation in flight owns (the reconciler leaves it alone for a while). */
  public boolean transitional() {
    return this == PENDING || this == STOPPING || this == SHUTTING_DOWN;
  }

  @JsonCreator
  public static InstanceState fromWire(String name) {
    for (InstanceState s : values()) {
      if (s.wireName.equals(name.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown instance state " + name);
  }

  /** The API's {@code {"code":16,"name":"running"}}. */
  public StateView view() {
    return new StateView(code, wireName);
  }

  /** The JSON form of a state. */
  public record StateView(int code, String name) {}
}
