package dev.minicloud.controlplane.s3;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.xml.S3XmlException;
import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.function.BiFunction;

/**
 * Reads a request's XML document (bounded, {@link SmallBody}) and parses it; the one place parser
 * rejections become S3 errors.
 */
public final class S3Documents {

  /** S3's limit for request documents such as Delete (1,000 keys) and CompleteMultipartUpload. */
  public static final int MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

  private S3Documents() {}

  public static <T> Future<T> read(S3Call call, BiFunction<InputStream, Integer, T> parser) {
    return SmallBody.read(call, MAX_DOCUMENT_BYTES).map(body -> {
      try {
        return parser.apply(new ByteArrayInputStream(body.getBytes()), MAX_DOCUMENT_BYTES);
      } catch (S3XmlException e) {
        throw new ApiException(switch (e.code()) {
          case MALFORMED_XML -> S3ErrorCode.MALFORMED_XML;
          case MALFORMED_ACL -> S3ErrorCode.MALFORMED_ACL;
          case INVALID_TAG -> S3ErrorCode.INVALID_TAG;
          case INVALID_ARGUMENT -> S3ErrorCode.INVALID_ARGUMENT;
          case INVALID_PART_ORDER -> S3ErrorCode.INVALID_PART_ORDER;
          case MAX_MESSAGE_LENGTH_EXCEEDED -> S3ErrorCode.MAX_MESSAGE_LENGTH_EXCEEDED;
        }, e.getMessage());
      }
    });
  }
}
