package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.xml.ObjectSummary;
import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * S3 storage classes. MiniCloud stores every object the same way, but keeps the class a client
 * asks for ({@code x-amz-storage-class} on PutObject, CreateMultipartUpload and CopyObject) and
 * reports it as S3 does: in listings, and as the {@code x-amz-storage-class} header of GET and HEAD
 * when it is not STANDARD. Tools change an object's class with a copy onto itself ({@code rclone
 * settier}, {@code aws s3 cp --storage-class}). There is no archive tier: a GLACIER object reads
 * at once, with no restore. The class lives in the object's stored headers, absent for STANDARD.
 */
public final class StorageClass {

  /** The header, and the stored headers' key. */
  public static final String HEADER = "x-amz-storage-class";
  public static final String STANDARD = ObjectSummary.STANDARD;
  /** The classes S3 accepts in {@code x-amz-storage-class}. */
  static final Set<String> VALID = Set.of(STANDARD, "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
      "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE");

  private StorageClass() {}

  /** The class a request asks for: its header's, STANDARD without one; InvalidStorageClass for others. */
  public static String requested(MultiMap requestHeaders) {
    String value = requestHeaders.get(HEADER);
    if (value == null) {
      return STANDARD;
    }
    if (!VALID.contains(value)) {
      throw new ApiException(S3ErrorCode.INVALID_STORAGE_CLASS, "The storage class you specified is not valid");
    }
    return value;
  }

  /** Whether S3 would have to restore an object of this class before reading it (not needed here). */
  static boolean archived(String storageClass) {
    return storageClass.equals("GLACIER") || storageClass.equals("DEEP_ARCHIVE");
  }

  /** The class an object or upload was stored with, from its stored headers. */
  public static String of(Map<String, String> storedHeaders) {
    return storedHeaders.getOrDefault(HEADER, STANDARD);
  }

  /** {@code storedHeaders} with the class set to {@code storageClass} (STANDARD is kept as no entry). */
  static Map<String, String> with(Map<String, String> storedHeaders, String storageClass) {
    Map<String, String> headers = new LinkedHashMap<>(storedHeaders);
    headers.remove(HEADER);
    if (!storageClass.equals(STANDARD)) {
      headers.put(HEADER, storageClass);
    }
    return headers;
  }
}
