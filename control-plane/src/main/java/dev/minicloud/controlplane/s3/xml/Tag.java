package dev.minicloud.controlplane.s3.xml;

import java.util.Objects;

/**
 * One object or bucket tag.
 *
 * @param key the tag key, 1 to 128 characters
 * @param value the tag value, 0 to 256 characters
 */
public record Tag(String key, String value) {
  public Tag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
