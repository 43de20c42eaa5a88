package dev.minicloud.sdk.internal;

import dev.minicloud.sdk.storage.PutOptions;

/** Headers an upload carries: content type and user metadata. */
public final class StorageHeaders {

  private StorageHeaders() {}

  public static void put(Call call, PutOptions options) {
    call.header("content-type", options.contentType() == null ? "application/octet-stream" : options.contentType());
    options.metadata().forEach((name, value) -> call.header("x-amz-meta-" + name, value));
  }
}
