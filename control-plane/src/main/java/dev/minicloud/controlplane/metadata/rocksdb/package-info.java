/**
 * The RocksDB implementation of {@link dev.minicloud.controlplane.metadata.MetadataStore}: the only
 * package allowed to import {@code org.rocksdb}. Every native object created here is registered with
 * its owner and closed exactly once, in reverse order of creation.
 */
package dev.minicloud.controlplane.metadata.rocksdb;
