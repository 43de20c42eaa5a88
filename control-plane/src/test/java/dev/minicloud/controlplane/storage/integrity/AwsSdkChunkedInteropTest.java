package dev.minicloud.controlplane.storage.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.sigv4.PayloadHashes;
import dev.minicloud.common.sigv4.SignableRequest;
import dev.minicloud.common.sigv4.VerifiedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Bodies encoded by the AWS SDK for Java v2's own signer (aws-chunked with a flexible checksum
 * trailer, signed over HTTP and unsigned over HTTPS, as the S3 client sends them) decode, verify
 * their chunk and trailer signatures, and their trailing checksum matches the data.
 */
class AwsSdkChunkedInteropTest {

  static final String AKID = "AKIASDKINTEROP000000";
  static final String SECRET = "sdk-interop-secret-0000000000000000000000";
  static final Instant T = Instant.parse("2025-03-01T08:30:00Z");

  @BeforeAll
  static void quietSdkDebugLogging() {
    if (LoggerFactory.getLogger("software.amazon.awssdk")
        instanceof ch.qos.logback.classic.Logger logger) {
      logger.setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void sdkEncodedBodiesDecodeAndVerify(ChecksumAlgorithm algorithm) throws IOException {
    Random random = new Random(0x5D4 + algorithm.ordinal());
    int[] sizes = {0, 1, 127, 128 * 1024, 128 * 1024 + 1, 300_000 + random.nextInt(300_000)};
    for (boolean signedPayload : new boolean[] {true, false}) {
      for (int size : sizes) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        check(algorithm, signedPayload, data, random);
      }
    }
  }

  private void check(ChecksumAlgorithm algorithm, boolean signedPayload, byte[] data,
      Random random) throws IOException {
    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.PUT)
        .protocol(signedPayload ? "http" : "https") // the SDK signs payloads over plain HTTP
        .host("127.0.0.1").port(9000).encodedPath("/bucket/object.bin")
        .putHeader("Content-Length", Integer.toString(data.length))
        .putHeader("x-amz-sdk-checksum-algorithm", algorithm.algorithmName())
        .build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(
        SignRequest.builder(AwsCredentialsIdentity.create(AKID, SECRET))
            .request(request)
            .payload(() -> new ByteArrayInputStream(data))
            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
            .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
            .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload)
            .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM,
                DefaultChecksumAlgorithm.fromValue(algorithm.algorithmName()))
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(T, ZoneOffset.UTC))
            .build());
    SdkHttpRequest wire = signed.request();
    byte[] body;
    try (InputStream in = signed.payload().orElseThrow().newStream()) {
      body = in.readAllBytes();
    }
    String mode = wire.firstMatchingHeader("x-amz-content-sha256").orElseThrow();
    assertEquals(signedPayload ? PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER
        : PayloadHashes.STREAMING_UNSIGNED_PAYLOAD_TRAILER, mode);
    assertEquals(Integer.toString(body.length),
        wire.firstMatchingHeader("Content-Length").orElseThrow());

    SignableRequest.Builder server = SignableRequest.builder(wire.method().name())
        .rawPath(wire.encodedPath());
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    wire.forEachHeader((name, values) -> values.forEach(value -> {
      server.header(name, value);
      headers.add(Map.entry(name, value));
    }));
    VerifiedRequest verified =
        ChunkedBodies.verifier(T, AKID, SECRET).verify(server.build());

    PayloadExpectations claims = PayloadExpectations.fromHeaders(headers);
    assertTrue(claims.checksumInTrailer());
    PayloadDigests digests = PayloadDigests.of(claims);
    ChunkedBodies.Collector sink = new ChunkedBodies.Collector();
    AwsChunkedDecoder decoder = AwsChunkedDecoder.forRequest(verified,
        wire.firstMatchingHeader("x-amz-trailer").orElseThrow(),
        AwsChunkedDecoder.parseDecodedContentLength(
            wire.firstMatchingHeader("x-amz-decoded-content-length").orElseThrow()),
        buffer -> {
          digests.update(buffer.duplicate());
          sink.accept(buffer);
        });
    int off = 0;
    while (off < body.length) {
      int n = Math.min(body.length - off, 1 + random.nextInt(random.nextBoolean() ? 16 : 70_000));
      decoder.feed(ByteBuffer.wrap(body, off, n));
      off += n;
    }
    Map<String, String> trailers = decoder.finish();
    assertEquals(List.of(algorithm.headerName()), List.copyOf(trailers.keySet()));
    PayloadDigests.Result result = digests.finishAndVerify(trailers);
    assertArrayEquals(data, sink.toByteArray());
    assertEquals(trailers.get(algorithm.headerName()),
        result.checksumBase64(algorithm).orElseThrow());
  }
}
