package dev.minicloud.controlplane.storage.encryption;

import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.Entry;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import dev.minicloud.controlplane.storage.multipart.PartRecord;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import java.util.List;

/**
 * The data-key half of a master key rotation ({@code identity.MasterKeyRotation}): every sealed data
 * key (objects and parts of open uploads) is opened with the old master key and sealed again with
 * the new one. Only these small records change; no object byte is read or re-encrypted, since the
 * data keys themselves stay the same.
 *
 * <p>Records are rewritten in batches of {@value #BATCH}. A rotation interrupted between two
 * batches leaves some keys under the old and some under the new master key; both stay readable,
 * because the control plane also tries {@code master.key.next} while it exists, and running the
 * rotation again finishes the job (a key already under the new master key opens and is sealed again).
 */
public final class DataKeyRotation {

  static final int BATCH = 1000;

  private DataKeyRotation() {}

  /**
   * Re-seals every data key found in the metadata from {@code from} to {@code to}.
   *
   * @return how many data keys were re-sealed
   */
  public static long reseal(MetadataStore store, DataKeys from, DataKeys to) {
    JsonRecords records = new JsonRecords(store);
    long count = 0;
    WriteBatch batch = store.newBatch();
    try (CloseableIterator<Entry> objects = store.scan(Table.OBJECTS, KeyRange.all())) {
      while (objects.hasNext()) {
        Entry entry = objects.next();
        ObjectRecord object = records.decode(Table.OBJECTS, entry.value(), ObjectRecord.class);
        if (object.encryption() == null) {
          continue;
        }
        List<SealedKey> resealed = object.encryption().keys().stream().map(k -> from.reseal(k, to)).toList();
        ObjectRecord updated = new ObjectRecord(object.key(), object.size(), object.etag(), object.lastModified(),
            object.headers(), object.userMetadata(), object.checksums(), object.checksumType(), object.tags(),
            object.segments(), object.partSizes(), object.acl(),
            new ObjectEncryption(object.encryption().algorithm(), resealed));
        batch.put(Table.OBJECTS, entry.key(), records.encode(updated));
        count += resealed.size();
        batch = flushIfFull(store, batch);
      }
    }
    try (CloseableIterator<Entry> parts = store.scan(Table.PARTS, KeyRange.all())) {
      while (parts.hasNext()) {
        Entry entry = parts.next();
        PartRecord part = records.decode(Table.PARTS, entry.value(), PartRecord.class);
        if (part.sealedKey() == null) {
          continue;
        }
        PartRecord updated = new PartRecord(part.partNumber(), part.etag(), part.size(), part.lastModified(),
            part.segment(), part.checksums(), from.reseal(part.sealedKey(), to));
        batch.put(Table.PARTS, entry.key(), records.encode(updated));
        count++;
        batch = flushIfFull(store, batch);
      }
    }
    if (!batch.isEmpty()) {
      store.commit(batch);
    }
    return count;
  }

  private static WriteBatch flushIfFull(MetadataStore store, WriteBatch batch) {
    if (batch.size() < BATCH) {
      return batch;
    }
    store.commit(batch);
    return store.newBatch();
  }
}
