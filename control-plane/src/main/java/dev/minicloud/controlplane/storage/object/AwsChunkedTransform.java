package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.sigv4.VerifiedRequest;
import dev.minicloud.controlplane.auth.SigV4AuthHandler;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.storage.blob.BodyTransform;
import dev.minicloud.controlplane.storage.integrity.AwsChunkedDecoder;
import dev.minicloud.controlplane.storage.integrity.IntegrityException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes aws-chunked upload bodies (the STREAMING-* payloads of x-amz-content-sha256) on their way
 * to the storage nodes, verifying chunk and trailer signatures; the trailers (e.g. the CRC32 that
 * botocore sends after the data) are kept for {@link UploadIntegrity#verify}.
 */
final class AwsChunkedTransform implements BodyTransform {

  private final AwsChunkedDecoder decoder;
  private final long decodedLength;
  private Consumer<Buffer> out;
  private Map<String, String> trailers = Map.of();

  private AwsChunkedTransform(VerifiedRequest verified, String trailerHeader, long decodedLength) {
    this.decodedLength = decodedLength;
    this.decoder = AwsChunkedDecoder.forRequest(verified, trailerHeader, decodedLength, this::emit);
  }

  static AwsChunkedTransform forRequest(S3Call call) {
    VerifiedRequest verified = call.routing().get(SigV4AuthHandler.VERIFIED_REQUEST);
    long decodedLength = AwsChunkedDecoder.parseDecodedContentLength(call.header("x-amz-decoded-content-length"));
    if (decodedLength < 0) {
      throw new ApiException(S3ErrorCode.MISSING_CONTENT_LENGTH,
          "You must provide the x-amz-decoded-content-length header with an aws-chunked body.");
    }
    return new AwsChunkedTransform(verified, call.header("x-amz-trailer"), decodedLength);
  }

  long decodedLength() {
    return decodedLength;
  }

  Map<String, String> trailers() {
    return trailers;
  }

  private void emit(ByteBuffer view) {
    byte[] copy = new byte[view.remaining()]; // the view is only valid during the callback
    view.get(copy);
    out.accept(Buffer.buffer(copy));
  }

  @Override
  public void feed(Buffer received, Consumer<Buffer> decoded) {
    out = decoded;
    try {
      decoder.feed(((BufferInternal) received).getByteBuf().nioBuffer()); // a view, not a copy
    } catch (IntegrityException e) {
      throw UploadIntegrity.toS3(e);
    }
  }

  @Override
  public void finish(Consumer<Buffer> decoded) {
    out = decoded;
    try {
      trailers = decoder.finish();
    } catch (IntegrityException e) {
      throw UploadIntegrity.toS3(e);
    }
  }
}
