/** Value types of the storage client ({@link dev.minicloud.sdk.StorageClient}): buckets, objects, options. */
package dev.minicloud.sdk.storage;
