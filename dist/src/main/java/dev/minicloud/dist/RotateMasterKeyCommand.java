package dev.minicloud.dist;

import dev.minicloud.controlplane.identity.MasterKeyRotation;
import dev.minicloud.controlplane.metadata.MetadataStoreException;
import dev.minicloud.controlplane.metadata.rocksdb.RocksMetadataStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minicloud admin rotate-master-key}: an operator task on a stopped control plane's data
 * directory. It joins the CLI's {@code admin} command here, in the distribution, because it opens the
 * metadata store directly (the CLI itself never depends on server code).
 */
@Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
    description = "Replace <data>/master.key and re-encrypt every stored secret under the new key. "
        + "Crash-safe; if interrupted, run it again.")
final class RotateMasterKeyCommand implements Callable<Integer> {

  @Option(names = "--data", defaultValue = "${env:MINICLOUD_DATA:-data}",
      description = "Data directory (env MINICLOUD_DATA, default ${DEFAULT-VALUE}).")
  Path data;

  @Override
  public Integer call() {
    RocksMetadataStore store;
    try {
      store = RocksMetadataStore.open(data.resolve("metadata"));
    } catch (MetadataStoreException e) {
      // RocksDB's lock: a running control plane holds the directory.
      System.err.println("Cannot open " + data.resolve("metadata") + " (is the control plane still running? "
          + "Stop it first): " + e.getMessage());
      return 1;
    }
    try (store) {
      MasterKeyRotation.Rotated rotated = MasterKeyRotation.rotate(data.resolve("master.key"), store);
      System.out.println("Master key rotated; " + rotated.secrets() + " secret(s) re-encrypted, "
          + rotated.dataKeys() + " object data key(s) sealed again.");
      return 0;
    }
  }
}
