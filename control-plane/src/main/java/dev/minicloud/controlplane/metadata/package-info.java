/**
 * The control plane's metadata store: every table (settings, accounts, users, access keys, nodes,
 * buckets, object index, multipart uploads and parts, instances, usage, audit) behind the narrow
 * {@link dev.minicloud.controlplane.metadata.MetadataStore} interface.
 *
 * <p>Keys and values are byte arrays ordered by unsigned byte comparison, so a listing is a range
 * scan. {@link dev.minicloud.controlplane.metadata.JsonRecords} layers typed JSON records with UTF-8
 * string keys on top. The RocksDB implementation lives in the {@code rocksdb} subpackage, the only
 * place allowed to import {@code org.rocksdb}.
 */
package dev.minicloud.controlplane.metadata;
