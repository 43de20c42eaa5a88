package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Multipart uploads and their parts in the metadata store. */
public final class UploadStore {

  private final MetadataStore store;
  private final JsonRecords records;
  private final ObjectIndex objects;

  public UploadStore(MetadataStore store, ObjectIndex objects) {
    this.store = store;
    this.records = new JsonRecords(store);
    this.objects = objects;
  }

  static String uploadKey(String bucket, String key, String uploadId) {
    return bucket + '\0' + key + '\0' + uploadId;
  }

  static String partKey(String uploadId, int partNumber) {
    return uploadId + '/' + String.format("%05d", partNumber);
  }

  public void create(UploadRecord upload) {
    records.put(Table.UPLOADS, uploadKey(upload.bucket(), upload.key(), upload.uploadId()), upload);
  }

  /** The upload for this bucket, key and id, or NoSuchUpload. */
  public UploadRecord require(String bucket, String key, String uploadId) {
    if (uploadId == null || uploadId.isEmpty()) {
      throw noSuchUpload();
    }
    return records.get(Table.UPLOADS, uploadKey(bucket, key, uploadId), UploadRecord.class)
        .orElseThrow(UploadStore::noSuchUpload);
  }

  /** Stores a part and returns the one it replaced (whose blob the caller releases). */
  public synchronized Optional<PartRecord> putPart(String uploadId, PartRecord part) {
    Optional<PartRecord> previous = records.get(Table.PARTS, partKey(uploadId, part.partNumber()), PartRecord.class);
    records.put(Table.PARTS, partKey(uploadId, part.partNumber()), part);
    return previous;
  }

  /** Parts with numbers greater than {@code afterPart}, in order, at most {@code limit} (+1 to detect more). */
  public List<PartRecord> parts(String uploadId, int afterPart, int limit) {
    List<PartRecord> parts = new ArrayList<>();
    try (CloseableIterator<JsonRecords.Keyed<PartRecord>> it = records.scan(Table.PARTS,
        partKey(uploadId, afterPart + 1), uploadId + '0', PartRecord.class)) {
      while (it.hasNext() && parts.size() < limit) {
        parts.add(it.next().value());
      }
    }
    return parts;
  }

  /** Every upload of the bucket whose key starts with {@code prefix}, in key then id order. */
  public List<UploadRecord> uploads(String bucket, String prefix, int limit) {
    List<UploadRecord> uploads = new ArrayList<>();
    try (CloseableIterator<JsonRecords.Keyed<UploadRecord>> it = records.scanPrefix(Table.UPLOADS,
        bucket + '\0' + prefix, UploadRecord.class)) {
      while (it.hasNext() && uploads.size() < limit) {
        uploads.add(it.next().value());
      }
    }
    return uploads;
  }

  /**
   * Completes an upload in one atomic, durable write: the object appears, the upload and all its
   * part records disappear.
   *
   * @return the object version the new one replaced
   */
  public Optional<ObjectRecord> complete(UploadRecord upload, ObjectRecord object, List<PartRecord> allParts) {
    return objects.replace(upload.bucket(), object, batch -> removeInto(batch, upload, allParts));
  }

  /** Aborts: the upload and its part records go in one atomic write. */
  public void abort(UploadRecord upload, List<PartRecord> allParts) {
    WriteBatch batch = store.newBatch();
    removeInto(batch, upload, allParts);
    store.commit(batch);
  }

  /** Every part of an upload (bounded by S3's 10,000). */
  public List<PartRecord> allParts(String uploadId) {
    return parts(uploadId, 0, 10_001);
  }

  private void removeInto(WriteBatch batch, UploadRecord upload, List<PartRecord> parts) {
    batch.delete(Table.UPLOADS, JsonRecords.key(uploadKey(upload.bucket(), upload.key(), upload.uploadId())));
    for (PartRecord part : parts) {
      batch.delete(Table.PARTS, JsonRecords.key(partKey(upload.uploadId(), part.partNumber())));
    }
  }

  private static ApiException noSuchUpload() {
    return new ApiException(S3ErrorCode.NO_SUCH_UPLOAD, "The specified upload does not exist. The upload ID may be "
        + "invalid, or the upload may have been aborted or completed.");
  }
}
