package dev.minicloud.common.cluster;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of node that join a control plane, with their wire name and node id prefix. */
public enum NodeKind {
  STORAGE("storage", "sn-"),
  COMPUTE("compute", "ca-");

  private final String wireName;
  private final String idPrefix;

  NodeKind(String wireName, String idPrefix) {
    this.wireName = wireName;
    this.idPrefix = idPrefix;
  }

  /** The {@code kind} value in the registration body: {@code storage} or {@code compute}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The prefix of this kind's node ids: {@code sn-} or {@code ca-}. */
  public String idPrefix() {
    return idPrefix;
  }

  /** The kind with this wire name; unknown names are rejected. */
  @JsonCreator
  public static NodeKind fromWire(String wireName) {
    for (NodeKind kind : values()) {
      if (kind.wireName.equals(wireName)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown node kind: " + wireName);
  }
}
