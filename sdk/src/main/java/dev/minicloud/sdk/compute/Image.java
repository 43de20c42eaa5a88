package dev.minicloud.sdk.compute;

import java.time.Instant;

/**
 * A machine image you may launch.
 *
 * @param imageId {@code img-} and 17 hex digits
 * @param name its short name (a run call takes the name or the id)
 * @param description free text
 * @param dockerImage the local Docker image behind it
 * @param ownerId the owning account, or the platform for public images
 * @param visibility {@code public} or {@code private}
 * @param state {@code available}
 * @param creationDate when it was registered
 */
public record Image(String imageId, String name, String description, String dockerImage, String ownerId,
    String visibility, String state, Instant creationDate) {}
