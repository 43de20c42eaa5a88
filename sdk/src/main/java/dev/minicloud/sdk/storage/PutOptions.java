package dev.minicloud.sdk.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of an upload: content type, user metadata, and how large uploads are split.
 *
 * <p>Uploads larger than {@link #multipartThreshold} (and streams of unknown length) go as a
 * multipart upload of {@link #partSize} parts, {@link #parallelism} at a time. A multipart upload
 * of a file can be resumed: give a {@link #stateFile} (the upload id is kept there until the upload
 * completes), or the id of an upload that failed part-way ({@link #resumeUploadId}); the parts the
 * server already has (same size and MD5 ETag) are not sent again.
 */
public final class PutOptions {

  /** Default size above which uploads are split into parts: 16 MiB. */
  public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
  /** Default part size: 8 MiB (S3's minimum is 5 MiB, except for the last part). */
  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
  /** Default number of parts sent at once. */
  public static final int DEFAULT_PARALLELISM = 4;
  /** The smallest part size S3 accepts for all but the last part. */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  private String contentType;
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
  private long partSize = DEFAULT_PART_SIZE;
  private int parallelism = DEFAULT_PARALLELISM;
  private Path stateFile;
  private String resumeUploadId;
  private TransferListener listener;

  /** The object's media type (default {@code application/octet-stream}). */
  public PutOptions contentType(String contentType) {
    this.contentType = contentType;
    return this;
  }

  /** One user metadata value (sent as {@code x-amz-meta-name}). */
  public PutOptions metadata(String name, String value) {
    metadata.put(name, value);
    return this;
  }

  /** Uploads larger than this go in parts. */
  public PutOptions multipartThreshold(long bytes) {
    this.multipartThreshold = bytes;
    return this;
  }

  /** The size of each part but the last; at least {@link #MIN_PART_SIZE}. */
  public PutOptions partSize(long bytes) {
    if (bytes < MIN_PART_SIZE) {
      throw new IllegalArgumentException("partSize must be at least 5 MiB");
    }
    this.partSize = bytes;
    return this;
  }

  /** How many parts are sent at once (1 to 32). */
  public PutOptions parallelism(int parts) {
    if (parts < 1 || parts > 32) {
      throw new IllegalArgumentException("parallelism must be 1 to 32");
    }
    this.parallelism = parts;
    return this;
  }

  /** A file remembering the multipart upload id, so a failed upload of a file can be resumed. */
  public PutOptions stateFile(Path stateFile) {
    this.stateFile = stateFile;
    return this;
  }

  /** Resume this multipart upload (of the same file, same part size) instead of starting one. */
  public PutOptions resumeUploadId(String uploadId) {
    this.resumeUploadId = uploadId;
    return this;
  }

  /** Progress reporting. */
  public PutOptions listener(TransferListener listener) {
    this.listener = listener;
    return this;
  }

  /** The {@code contentType} setting (see the method of the same name that sets it). */
  public String contentType() {
    return contentType;
  }

  /** The {@code metadata} setting (see the method of the same name that sets it). */
  public Map<String, String> metadata() {
    return Map.copyOf(metadata);
  }

  /** The {@code multipartThreshold} setting (see the method of the same name that sets it). */
  public long multipartThreshold() {
    return multipartThreshold;
  }

  /** The {@code partSize} setting (see the method of the same name that sets it). */
  public long partSize() {
    return partSize;
  }

  /** The {@code parallelism} setting (see the method of the same name that sets it). */
  public int parallelism() {
    return parallelism;
  }

  /** The {@code stateFile} setting (see the method of the same name that sets it). */
  public Path stateFile() {
    return stateFile;
  }

  /** The {@code resumeUploadId} setting (see the method of the same name that sets it). */
  public String resumeUploadId() {
    return resumeUploadId;
  }

  /** The {@code listener} setting (see the method of the same name that sets it). */
  public TransferListener listener() {
    return listener;
  }
}
