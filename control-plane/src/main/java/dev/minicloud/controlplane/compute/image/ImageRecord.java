package dev.minicloud.controlplane.compute.image;

import java.time.Instant;

/**
 * A machine image: a catalogue entry backed by a local Docker image on the agents. Stored in table
 * IMAGES under its id; also the JSON of {@code GET /compute/v1/images}.
 *
 * @param imageId {@code img-} + 17 hex digits
 * @param name a short name, unique among public images (e.g. {@code busybox})
 * @param description free text
 * @param dockerImage the local Docker image reference agents create containers from
 * @param ownerId {@value ImageCatalog#PLATFORM_OWNER} for platform images, else the owning account
 * @param visibility {@code public} (every account may launch it) or {@code private}
 * @param state {@code available}
 * @param creationDate when it was registered
 */
public record ImageRecord(
    String imageId, String name, String description, String dockerImage, String ownerId, String visibility,
    String state, Instant creationDate) {

  public static final String PUBLIC = "public";

  /** Whether every account may launch it. */
  public boolean launchableByAll() {
    return PUBLIC.equals(visibility);
  }
}
