package dev.minicloud.controlplane.storage.object;

import dev.minicloud.controlplane.s3.xml.S3Xml;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The object headers S3 stores and returns: the standard content headers, the storage class
 * ({@link StorageClass}), {@code x-amz-meta-*} user metadata, and the headers GET/HEAD send back
 * for a stored object.
 */
public final class ObjectHeaders {

  /** Standard headers stored with an object, as sent on PUT and returned on GET. */
  public static final List<String> STORED = List.of(
      "content-type", "content-encoding", "content-disposition", "content-language", "cache-control", "expires");

  static final String USER_METADATA_PREFIX = "x-amz-meta-";

  /** S3 limits user metadata to 2 KB (names and values, UTF-8). */
  static final int MAX_USER_METADATA_BYTES = 2048;

  private ObjectHeaders() {}

  /** The content headers and the storage class of a PUT, CreateMultipartUpload or replacing copy. */
  public static Map<String, String> standard(MultiMap headers) {
    Map<String, String> stored = new LinkedHashMap<>();
    for (String name : STORED) {
      String value = headers.get(name);
      if (value != null) {
        stored.put(name, value);
      }
    }
    // aws-chunked is a transfer detail of the upload, not the object's encoding.
    String encoding = stored.get("content-encoding");
    if (encoding != null) {
      String rest = String.join(",", java.util.Arrays.stream(encoding.split(","))
          .map(String::trim).filter(e -> !e.equalsIgnoreCase("aws-chunked") && !e.isEmpty()).toList());
      if (rest.isEmpty()) {
        stored.remove("content-encoding");
      } else {
        stored.put("content-encoding", rest);
      }
    }
    String storageClass = StorageClass.requested(headers);
    if (!storageClass.equals(StorageClass.STANDARD)) {
      stored.put(StorageClass.HEADER, storageClass);
    }
    return stored;
  }

  public static Map<String, String> userMetadata(MultiMap headers) {
    Map<String, String> meta = new LinkedHashMap<>();
    int bytes = 0;
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(USER_METADATA_PREFIX)) {
        String key = name.substring(USER_METADATA_PREFIX.length());
        meta.merge(key, header.getValue(), (a, b) -> a + "," + b);
        bytes += key.length() + header.getValue().length();
      }
    }
    if (bytes > MAX_USER_METADATA_BYTES) {
      throw new dev.minicloud.common.error.ApiException(dev.minicloud.controlplane.s3.S3ErrorCode.METADATA_TOO_LARGE,
          "Your metadata headers exceed the maximum allowed metadata size (2 KB).");
    }
    return meta;
  }

  /** Writes the headers GET and HEAD return for {@code object}. */
  public static void writeTo(MultiMap response, ObjectRecord object) {
    response.set("etag", object.etag());
    response.set("last-modified", S3Xml.httpDate(object.lastModified()));
    response.set("accept-ranges", "bytes");
    response.set("content-type", object.headers().getOrDefault("content-type", "binary/octet-stream"));
    object.headers().forEach((name, value) -> {
      if (!name.equals("content-type")) {
        response.set(name, value);
      }
    });
    object.userMetadata().forEach((name, value) -> response.set(USER_METADATA_PREFIX + name, value));
    if (!object.tags().isEmpty()) {
      response.set("x-amz-tagging-count", Integer.toString(object.tags().size()));
    }
    ServerSideEncryption.writeHeader(response, object.encryption());
  }
}
