package dev.minicloud.common.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SDK signs chunks with the chain of its SigningResult; the server checks them in order. */
class ChunkSignatureChainTest {

  static final SigningCredentials KEY = new SigningCredentials("AKIACHUNKS0000000000", "chunk-secret");
  static final Instant T = Instant.parse("2025-06-01T10:00:00Z");
  static final List<byte[]> CHUNKS = List.of("first".getBytes(), "second".getBytes(), new byte[0]);

  private VerifiedRequest verifiedUpload(SigningResult signed, SignableRequest request) {
    SignableRequest.Builder wire = request.toBuilder();
    signed.headers().forEach((name, value) -> wire.removeHeader(name).header(name, value));
    return new SigV4Verifier(Clock.fixed(T, ZoneOffset.UTC),
        id -> id.equals(KEY.accessKeyId()) ? Optional.of(KEY.secretKey()) : Optional.empty())
        .verify(wire.build());
  }

  private record Upload(VerifiedRequest verified, List<String> signatures, String trailer) {}

  private Upload upload() {
    SignableRequest request = SignableRequest.builder("PUT")
        .uri(URI.create("http://localhost:9000/b/k"))
        .header("Content-Encoding", "aws-chunked")
        .header("x-amz-decoded-content-length", "11")
        .header("x-amz-trailer", "x-amz-checksum-crc32").build();
    SigningResult signed = new SigV4Signer(KEY, "us-east-1", "s3")
        .sign(request, PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER, T);
    ChunkSignatureChain sdk = ChunkSignatureChain.of(signed);
    List<String> signatures = new ArrayList<>();
    for (byte[] chunk : CHUNKS) {
      signatures.add(sdk.next(Hashes.sha256Hex(chunk)));
    }
    return new Upload(verifiedUpload(signed, request), signatures,
        sdk.trailer("x-amz-checksum-crc32:AAAAAA==\n"));
  }

  @Test
  void theServerAcceptsTheChunksInOrderAndTheTrailer() {
    Upload upload = upload();
    ChunkSignatureChain server = ChunkSignatureChain.of(upload.verified());
    assertEquals(upload.verified().seedSignature(), server.previousSignature());
    for (int i = 0; i < CHUNKS.size(); i++) {
      assertTrue(server.verifyNext(Hashes.sha256Hex(CHUNKS.get(i)), upload.signatures().get(i)));
    }
    assertTrue(server.verifyTrailer("x-amz-checksum-crc32:AAAAAA==\n", upload.trailer()));
    assertFalse(server.verifyTrailer("x-amz-checksum-crc32:AAAAAB==\n", upload.trailer()));
  }

  @Test
  void aChangedChunkIsRefusedAndTheChainDoesNotAdvance() {
    Upload upload = upload();
    ChunkSignatureChain server = ChunkSignatureChain.of(upload.verified());
    String seed = server.previousSignature();
    assertFalse(server.verifyNext(Hashes.sha256Hex("firsT".getBytes()), upload.signatures().get(0)));
    assertEquals(seed, server.previousSignature());
  }

  @Test
  void reorderedOrDroppedChunksAreRefused() {
    Upload upload = upload();
    ChunkSignatureChain skip = ChunkSignatureChain.of(upload.verified());
    assertFalse(skip.verifyNext(Hashes.sha256Hex(CHUNKS.get(1)), upload.signatures().get(1)));
    ChunkSignatureChain early = ChunkSignatureChain.of(upload.verified());
    assertTrue(early.verifyNext(Hashes.sha256Hex(CHUNKS.get(0)), upload.signatures().get(0)));
    assertFalse(early.verifyNext(PayloadHashes.EMPTY_SHA256, upload.signatures().get(2)),
        "the final empty chunk cannot come early");
  }
}
