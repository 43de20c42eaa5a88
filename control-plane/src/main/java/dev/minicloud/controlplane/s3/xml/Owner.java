package dev.minicloud.controlplane.s3.xml;

import java.util.Objects;

/**
 * An S3 {@code Owner} / {@code Initiator}: canonical user ID and display name.
 *
 * @param id the canonical user ID
 * @param displayName the display name
 */
public record Owner(String id, String displayName) {
  public Owner {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
  }
}
