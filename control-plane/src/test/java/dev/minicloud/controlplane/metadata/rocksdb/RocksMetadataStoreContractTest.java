package dev.minicloud.controlplane.metadata.rocksdb;

import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.MetadataStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksMetadataStoreContractTest extends MetadataStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return RocksMetadataStore.open(dir.resolve("metadata"));
    }
}
