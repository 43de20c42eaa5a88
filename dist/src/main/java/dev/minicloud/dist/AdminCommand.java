package dev.minicloud.dist;

import dev.minicloud.controlplane.identity.MasterKeyRotation;
import dev.minicloud.controlplane.metadata.MetadataStoreException;
import dev.minicloud.controlplane.metadata.rocksdb.RocksMetadataStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minicloud admin ...}: operator tasks on a stopped control plane's data directory. */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Operator tasks on a control plane's data directory (run while it is stopped).",
    subcommands = AdminCommand.RotateMasterKey.class)
final class AdminCommand implements Runnable {

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "Missing subcommand");
  }

  @Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
      description = "Replace <data>/master.key and re-encrypt every stored secret under the new key. "
          + "Crash-safe; if interrupted, run it again.")
  static final class RotateMasterKey implements Callable<Integer> {

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
        int count = MasterKeyRotation.rotate(data.resolve("master.key"), store);
        System.out.println("Master key rotated; " + count + " secret(s) re-encrypted.");
        return 0;
      }
    }
  }
}
