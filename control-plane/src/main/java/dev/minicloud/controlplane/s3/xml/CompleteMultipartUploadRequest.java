package dev.minicloud.controlplane.s3.xml;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of CompleteMultipartUpload: the parts to assemble, in strictly ascending part-number
 * order (the parser checks it).
 *
 * @param parts one or more parts
 */
public record CompleteMultipartUploadRequest(List<Part> parts) {

  public CompleteMultipartUploadRequest {
    parts = List.copyOf(parts);
  }

  /**
   * One {@code Part}.
   *
   * @param partNumber 1 to 10,000
   * @param etag the part's ETag without quotes (clients send it with or without)
   * @param checksums the part checksums the client sent, by algorithm (base64 values)
   */
  public record Part(int partNumber, String etag, Map<ChecksumAlgorithm, String> checksums) {
    public Part {
      Objects.requireNonNull(etag, "etag");
      checksums = Map.copyOf(checksums);
    }
  }
}
