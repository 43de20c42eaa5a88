package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.sigv4.PayloadHashes;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.storage.blob.BodyTransform;
import dev.minicloud.controlplane.storage.integrity.ChecksumAlgorithm;
import dev.minicloud.controlplane.storage.integrity.IntegrityException;
import dev.minicloud.controlplane.storage.integrity.PayloadDigests;
import dev.minicloud.controlplane.storage.integrity.PayloadExpectations;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything an upload's body must prove, read from its headers: its decoded length, how to decode
 * it (plain or aws-chunked), and the digests that check Content-MD5, x-amz-content-sha256 and
 * x-amz-checksum-* (header or trailer). {@link #toS3} is the one place integrity failures become S3
 * errors.
 */
public final class UploadIntegrity {

  private final long decodedLength;
  private final BodyTransform transform;
  private final PayloadDigests digests;
  private final AwsChunkedTransform chunked;

  private UploadIntegrity(long decodedLength, BodyTransform transform, PayloadDigests digests,
      AwsChunkedTransform chunked) {
    this.decodedLength = decodedLength;
    this.transform = transform;
    this.digests = digests;
    this.chunked = chunked;
  }

  /** The stored result: the quoted ETag and the checksums to keep (algorithm name to base64). */
  public record Result(String etag, Map<String, String> checksums, PayloadDigests.Result digests) {}

  public static UploadIntegrity forRequest(S3Call call) {
    try {
      String contentSha256 = call.header("x-amz-content-sha256");
      boolean streaming = contentSha256 != null && PayloadHashes.isStreaming(contentSha256);
      PayloadExpectations expectations = PayloadExpectations.fromHeaders(call.http().headers());
      PayloadDigests digests = PayloadDigests.of(expectations);
      if (streaming) {
        AwsChunkedTransform chunked = AwsChunkedTransform.forRequest(call);
        return new UploadIntegrity(chunked.decodedLength(), chunked, digests, chunked);
      }
      String length = call.header("content-length");
      if (length == null) {
        throw new ApiException(S3ErrorCode.MISSING_CONTENT_LENGTH, "You must provide the Content-Length HTTP header.");
      }
      long size;
      try {
        size = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "Invalid Content-Length");
      }
      return new UploadIntegrity(size, BodyTransform.IDENTITY, digests, null);
    } catch (IntegrityException e) {
      throw toS3(e);
    }
  }

  public long decodedLength() {
    return decodedLength;
  }

  public BodyTransform transform() {
    return transform;
  }

  /** Feeds decoded bytes to the digests. */
  public void update(Buffer decoded) {
    digests.update(decoded);
  }

  /** Checks every claim the request made about its body; throws the S3 error if one fails. */
  public Result verify() {
    try {
      Map<String, String> trailers = chunked == null ? Map.of() : chunked.trailers();
      PayloadDigests.Result result = digests.finishAndVerify(trailers);
      Map<String, String> checksums = new LinkedHashMap<>();
      for (ChecksumAlgorithm algorithm : result.algorithms()) {
        result.checksumBase64(algorithm).ifPresent(value -> checksums.put(algorithm.algorithmName(), value));
      }
      return new Result("\"" + result.md5Hex() + "\"", checksums, result);
    } catch (IntegrityException e) {
      throw toS3(e);
    }
  }

  /** The one mapping of integrity failures to S3's error codes. */
  public static ApiException toS3(IntegrityException e) {
    S3ErrorCode code = switch (e.failure()) {
      case BAD_DIGEST, CHECKSUM_MISMATCH -> S3ErrorCode.BAD_DIGEST;
      case INVALID_DIGEST -> S3ErrorCode.INVALID_DIGEST;
      case CONTENT_SHA256_MISMATCH -> S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH;
      case INVALID_CHECKSUM, MULTIPLE_CHECKSUMS, UNSUPPORTED_CHECKSUM_ALGORITHM, CHECKSUM_ALGORITHM_MISMATCH,
          MISSING_CHECKSUM -> S3ErrorCode.INVALID_REQUEST;
      case INCOMPLETE_BODY, MALFORMED_CHUNK -> S3ErrorCode.INCOMPLETE_BODY;
      case MALFORMED_TRAILER -> S3ErrorCode.MALFORMED_TRAILER;
      case SIGNATURE_DOES_NOT_MATCH -> S3ErrorCode.SIGNATURE_DOES_NOT_MATCH;
      case INVALID_DECODED_CONTENT_LENGTH -> S3ErrorCode.MISSING_CONTENT_LENGTH;
      case UNSUPPORTED_STREAMING_MODE -> S3ErrorCode.NOT_IMPLEMENTED;
    };
    return new ApiException(code, e.getMessage());
  }
}
