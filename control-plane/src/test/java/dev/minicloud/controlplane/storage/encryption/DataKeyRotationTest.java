package dev.minicloud.controlplane.storage.encryption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.controlplane.identity.MasterKeyRotation;
import dev.minicloud.controlplane.identity.SecretCipher;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.storage.blob.Segment;
import dev.minicloud.controlplane.storage.multipart.PartRecord;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master key rotation re-seals every object's and open part's data key (across several batches);
 * the data keys, and so the stored bytes, stay the same; the retired master key opens nothing.
 */
class DataKeyRotationTest {

  @TempDir
  Path dir;

  @Test
  void rotationResealsEveryDataKeyUnderTheNewMasterKey() throws Exception {
    Path keyFile = dir.resolve("master.key");
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    DataKeys before = new DataKeys(SecretCipher.loadOrCreate(keyFile));
    ObjectIndex objects = new ObjectIndex(store);
    JsonRecords records = new JsonRecords(store);

    int encryptedObjects = DataKeyRotation.BATCH + 5; // more than one batch
    List<DataKey> keys = new ArrayList<>();
    for (int i = 0; i < encryptedObjects; i++) {
      DataKey key = before.newKey();
      keys.add(key);
      objects.replace("b", object("enc-" + i, "o" + i,
          ObjectEncryption.aes256(List.of(before.seal("o" + i, key)))));
    }
    objects.replace("b", object("plain", "plain-blob", null));
    DataKey partKey = before.newKey();
    records.put(Table.PARTS, "upload/00001", new PartRecord(1, "\"e\"", 1, Instant.EPOCH,
        new Segment("p1", 1, List.of("n")), Map.of(), before.seal("p1", partKey)));
    String oldMasterKey = Files.readString(keyFile);

    MasterKeyRotation.Rotated rotated = MasterKeyRotation.rotate(keyFile, store);

    assertEquals(encryptedObjects + 1, rotated.dataKeys());
    assertNotEquals(oldMasterKey, Files.readString(keyFile));
    DataKeys after = new DataKeys(SecretCipher.loadOrCreate(keyFile));
    Path retired = dir.resolve("retired.key");
    Files.writeString(retired, oldMasterKey);
    DataKeys old = new DataKeys(SecretCipher.loadOrCreate(retired));
    for (int i = 0; i < encryptedObjects; i++) {
      SealedKey sealed = objects.get("b", "enc-" + i).orElseThrow().encryption().keys().get(0);
      assertArrayEquals(keys.get(i).material(), after.open(sealed).material(), "object " + i);
      assertThrows(IllegalStateException.class, () -> old.open(sealed));
    }
    assertNull(objects.get("b", "plain").orElseThrow().encryption(), "plain objects stay plain");
    PartRecord part = records.get(Table.PARTS, "upload/00001", PartRecord.class).orElseThrow();
    assertArrayEquals(partKey.material(), after.open(part.sealedKey()).material());
  }

  @Test
  void anInterruptedRotationLeavesEveryObjectReadableAndResumes() {
    Path keyFile = dir.resolve("master.key");
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    DataKeys before = new DataKeys(SecretCipher.loadOrCreate(keyFile));
    ObjectIndex objects = new ObjectIndex(store);
    List<DataKey> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      DataKey key = before.newKey();
      keys.add(key);
      objects.replace("b", object("k" + i, "o" + i, ObjectEncryption.aes256(List.of(before.seal("o" + i, key)))));
    }
    // Crash mid-rotation: the next key is on disk and only object 0 is sealed under it.
    DataKeys next = new DataKeys(SecretCipher.loadOrCreate(dir.resolve("master.key.next")));
    ObjectRecord first = objects.get("b", "k0").orElseThrow();
    objects.replace("b", object("k0", "o0", ObjectEncryption.aes256(List.of(
        before.reseal(first.encryption().keys().get(0), next)))));

    DataKeys restarted = new DataKeys(SecretCipher.loadOrCreate(keyFile));
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(keys.get(i).material(),
          restarted.open(objects.get("b", "k" + i).orElseThrow().encryption().keys().get(0)).material(),
          "object " + i + " is readable after the crash");
    }

    assertEquals(3, MasterKeyRotation.rotate(keyFile, store).dataKeys());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(keys.get(i).material(),
          next.open(objects.get("b", "k" + i).orElseThrow().encryption().keys().get(0)).material(),
          "object " + i + " is under the next key the interrupted rotation chose");
    }
  }

  @Test
  void aRecordWrittenBeforeEncryptionExistedReadsAsPlain() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    // An OBJECTS value as the previous release wrote it: no "encryption" field.
    String old = "{\"key\":\"k\",\"size\":3,\"etag\":\"\\\"x\\\"\",\"lastModified\":\"2026-01-01T00:00:00Z\","
        + "\"headers\":{},\"userMetadata\":{},\"checksums\":{},\"tags\":{},"
        + "\"segments\":[{\"blobId\":\"o1\",\"size\":3,\"nodeIds\":[\"n\"]}],\"partSizes\":[]}";
    ObjectRecord decoded = new JsonRecords(store).decode(Table.OBJECTS,
        old.getBytes(java.nio.charset.StandardCharsets.UTF_8), ObjectRecord.class);
    assertNull(decoded.encryption());
    assertEquals(3, decoded.size());
  }

  private static ObjectRecord object(String key, String blobId, ObjectEncryption encryption) {
    return new ObjectRecord(key, 1, "\"e\"", Instant.EPOCH, Map.of(), Map.of(), Map.of(), null, Map.of(),
        List.of(new Segment(blobId, 1, List.of("n"))), List.of(), null, encryption);
  }
}
