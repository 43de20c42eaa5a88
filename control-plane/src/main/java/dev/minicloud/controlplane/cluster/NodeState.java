package dev.minicloud.controlplane.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** UP while heartbeats arrive in time; DOWN after they stop, until the next one. */
public enum NodeState {
  UP, DOWN;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
