package dev.minicloud.controlplane.compute.image;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The machine images (table IMAGES). Seeds the platform's {@code busybox} image on first start. */
public final class ImageCatalog {

  /** Owner id of the images the platform provides. */
  public static final String PLATFORM_OWNER = "minicloud";
  /** Name of the seeded image. */
  public static final String BUSYBOX = "busybox";
  /** The Docker image behind it, built offline from the host's static busybox by scripts/ensure-docker. */
  public static final String BUSYBOX_DOCKER_IMAGE = "minicloud/busybox:latest";

  private final JsonRecords records;
  private final Ids ids;
  private final Clock clock;

  public ImageCatalog(MetadataStore store, Ids ids, Clock clock) {
    this.records = new JsonRecords(store);
    this.ids = ids;
    this.clock = clock;
  }

  /** Registers the busybox image unless a public image of that name exists. Idempotent. */
  public synchronized ImageRecord seed() {
    for (ImageRecord image : all()) {
      if (image.launchableByAll() && BUSYBOX.equals(image.name())) {
        return image;
      }
    }
    ImageRecord busybox = new ImageRecord(ids.prefixed("img-", 17), BUSYBOX,
        "BusyBox (static) with sh, httpd, wget: the platform's base image", BUSYBOX_DOCKER_IMAGE, PLATFORM_OWNER,
        ImageRecord.PUBLIC, "available", clock.instant());
    records.put(Table.IMAGES, busybox.imageId(), busybox);
    return busybox;
  }

  /** Registers an image an account imported: private to it. */
  public ImageRecord register(String imageId, String name, String description, String dockerImage, String ownerId) {
    ImageRecord image = new ImageRecord(imageId, name, description, dockerImage, ownerId, "private", "available",
        clock.instant());
    records.put(Table.IMAGES, imageId, image);
    return image;
  }

  /**
   * Removes an image the account owns from the catalogue (instances launched from it keep running;
   * the Docker image stays on the agents). {@code InvalidAMIID.NotFound} for an image the account
   * cannot see, {@code AccessDenied} for one it does not own (the platform's).
   */
  public synchronized ImageRecord deregister(String accountId, String imageId) {
    ImageRecord image = visibleTo(accountId).stream().filter(i -> i.imageId().equals(imageId)).findFirst()
        .orElseThrow(() -> new ApiException(ApiErrorCode.INVALID_AMI_ID_NOT_FOUND,
            "The image id '" + imageId + "' does not exist."));
    if (!image.ownerId().equals(accountId)) {
      throw new ApiException(ApiErrorCode.ACCESS_DENIED, "Only the image's owner can deregister it.");
    }
    records.delete(Table.IMAGES, imageId);
    return image;
  }

  /** A new image id. */
  public String newImageId() {
    return ids.prefixed("img-", 17);
  }

  /** Every image. */
  public List<ImageRecord> all() {
    List<ImageRecord> out = new ArrayList<>();
    try (CloseableIterator<JsonRecords.Keyed<ImageRecord>> it = records.scanPrefix(Table.IMAGES, "", ImageRecord.class)) {
      while (it.hasNext()) {
        out.add(it.next().value());
      }
    }
    return out;
  }

  /** The images {@code accountId} may launch: public ones and its own. */
  public List<ImageRecord> visibleTo(String accountId) {
    return all().stream().filter(i -> i.launchableByAll() || i.ownerId().equals(accountId)).toList();
  }

  /**
   * The image {@code idOrName} names (an {@code img-} id, or the name of an image the account may
   * launch); {@code InvalidAMIID.NotFound} otherwise.
   */
  public ImageRecord resolve(String accountId, String idOrName) {
    for (ImageRecord image : visibleTo(accountId)) {
      if (image.imageId().equals(idOrName) || image.name().equals(idOrName)) {
        return image;
      }
    }
    throw new ApiException(ApiErrorCode.INVALID_AMI_ID_NOT_FOUND, "The image id '" + idOrName + "' does not exist.");
  }
}
