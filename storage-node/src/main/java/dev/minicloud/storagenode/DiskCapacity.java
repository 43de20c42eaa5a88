package dev.minicloud.storagenode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The capacity a storage node reports: total and usable bytes of the file system holding its data
 * directory, as {@code {"diskTotalBytes":n,"diskFreeBytes":n}}. Blocking (one statfs call).
 */
public final class DiskCapacity implements Supplier<Map<String, Object>> {

  private final Path dataDir;

  public DiskCapacity(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
  }

  /** @throws UncheckedIOException when the file system cannot be queried */
  @Override
  public Map<String, Object> get() {
    try {
      FileStore store = Files.getFileStore(dataDir);
      Map<String, Object> capacity = new LinkedHashMap<>();
      capacity.put("diskTotalBytes", store.getTotalSpace());
      capacity.put("diskFreeBytes", store.getUsableSpace());
      return capacity;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure the file system of " + dataDir, e);
    }
  }
}
