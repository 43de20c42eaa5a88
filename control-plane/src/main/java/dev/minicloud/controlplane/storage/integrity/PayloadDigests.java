package dev.minicloud.controlplane.storage.integrity;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One pass over a body feeding every digest it needs: MD5 always (the ETag), SHA-256 when the
 * signature claims a hex x-amz-content-sha256, and the flexible checksums asked for. Not
 * thread-safe; fed in order, then {@link #finish()}ed once.
 *
 * <pre>{@code
 * PayloadExpectations claims = PayloadExpectations.fromHeaders(request.headers());
 * PayloadDigests digests = PayloadDigests.of(claims);
 * ... digests.update(buffer) for each piece of the (decoded) body ...
 * PayloadDigests.Result result = digests.finishAndVerify(trailers); // throws IntegrityException
 * }</pre>
 */
public final class PayloadDigests {

  private final PayloadExpectations expectations;
  private final MessageDigest md5 = ChecksumAlgorithm.newMessageDigest("MD5");
  private final MessageDigest sha256;
  private final Map<ChecksumAlgorithm, RunningChecksum> checksums =
      new EnumMap<>(ChecksumAlgorithm.class);
  private long length;
  private boolean finished;

  private PayloadDigests(PayloadExpectations expectations, boolean sha256,
      Collection<ChecksumAlgorithm> algorithms) {
    this.expectations = Objects.requireNonNull(expectations);
    this.sha256 = sha256 ? ChecksumAlgorithm.newMessageDigest("SHA-256") : null;
    for (ChecksumAlgorithm algorithm : algorithms) {
      checksums.put(algorithm, algorithm.newChecksum());
    }
  }

  /** Digests that can check {@code expectations}. */
  public static PayloadDigests of(PayloadExpectations expectations) {
    return of(expectations, Collections.emptySet());
  }

  /**
   * Digests that can check {@code expectations} and also compute {@code alsoCompute} (e.g. the
   * CRC64NVME S3 stores when the client sent no checksum).
   */
  public static PayloadDigests of(PayloadExpectations expectations,
      Collection<ChecksumAlgorithm> alsoCompute) {
    Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
    algorithms.addAll(expectations.algorithmsToCompute());
    algorithms.addAll(alsoCompute);
    return new PayloadDigests(expectations, expectations.contentSha256Hex().isPresent(),
        algorithms);
  }

  /** Digests with nothing to check: MD5, SHA-256 if asked, and the given checksums. */
  public static PayloadDigests computing(boolean sha256, Collection<ChecksumAlgorithm> algorithms) {
    return new PayloadDigests(PayloadExpectations.none(), sha256, algorithms);
  }

  public void update(byte[] bytes, int off, int len) {
    Objects.checkFromIndexSize(off, len, bytes.length);
    ensureOpen();
    md5.update(bytes, off, len);
    if (sha256 != null) {
      sha256.update(bytes, off, len);
    }
    for (RunningChecksum checksum : checksums.values()) {
      checksum.update(bytes, off, len);
    }
    length += len;
  }

  /** Consumes a Vert.x buffer's bytes where they are, without copying each chunk first. */
  public void update(Buffer buffer) {
    update(((BufferInternal) buffer).getByteBuf().nioBuffer()); // a view of the bytes, not a copy
  }

  /** Consumes the remaining bytes of {@code buffer} (its position ends at its limit). */
  public void update(ByteBuffer buffer) {
    ensureOpen();
    int start = buffer.position();
    int end = buffer.limit();
    md5.update(buffer);
    if (sha256 != null) {
      buffer.position(start);
      sha256.update(buffer);
    }
    for (RunningChecksum checksum : checksums.values()) {
      buffer.position(start);
      checksum.update(buffer);
    }
    buffer.position(end);
    length += end - start;
  }

  /** Bytes seen so far. */
  public long length() {
    return length;
  }

  /** Ends the digests without checking anything. */
  public Result finish() {
    ensureOpen();
    finished = true;
    Map<ChecksumAlgorithm, byte[]> values = new EnumMap<>(ChecksumAlgorithm.class);
    checksums.forEach((algorithm, running) -> values.put(algorithm, running.digest()));
    return new Result(length, md5.digest(), sha256 == null ? null : sha256.digest(), values);
  }

  /**
   * Ends the digests and checks every claim of the expectations: x-amz-content-sha256 first, then
   * Content-MD5, then the flexible checksum (its value from the header, or from {@code trailers},
   * the decoded aws-chunked trailers keyed by lower-case name).
   *
   * @throws IntegrityException CONTENT_SHA256_MISMATCH, BAD_DIGEST, CHECKSUM_MISMATCH,
   *     INVALID_CHECKSUM (malformed trailer value), MALFORMED_TRAILER (announced value missing)
   */
  public Result finishAndVerify(Map<String, String> trailers) {
    Result result = finish();
    Optional<String> sha = expectations.contentSha256Hex();
    if (sha.isPresent() && !sha.get().equals(result.sha256Hex().orElseThrow())) {
      throw new IntegrityException(IntegrityFailure.CONTENT_SHA256_MISMATCH,
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    Optional<byte[]> md5Claim = expectations.contentMd5();
    if (md5Claim.isPresent() && !MessageDigest.isEqual(md5Claim.get(), result.md5)) {
      throw new IntegrityException(IntegrityFailure.BAD_DIGEST,
          "The Content-MD5 you specified did not match what we received.");
    }
    Optional<ChecksumAlgorithm> algorithm = expectations.checksumAlgorithm();
    if (algorithm.isPresent()) {
      ChecksumAlgorithm alg = algorithm.get();
      byte[] claimed;
      if (expectations.checksumInTrailer()) {
        String value = trailers == null ? null : trailers.get(alg.headerName());
        if (value == null) {
          throw new IntegrityException(IntegrityFailure.MALFORMED_TRAILER,
              "The trailing " + alg.headerName() + " announced in x-amz-trailer did not arrive.");
        }
        claimed = alg.decode(value);
      } else {
        claimed = expectations.checksumValue().orElseThrow();
      }
      result.verifyChecksum(alg, claimed);
    }
    return result;
  }

  private void ensureOpen() {
    if (finished) {
      throw new IllegalStateException("digests already finished");
    }
  }

  /** The digests of one body. */
  public static final class Result {
    private final long length;
    private final byte[] md5;
    private final byte[] sha256;
    private final Map<ChecksumAlgorithm, byte[]> checksums;

    Result(long length, byte[] md5, byte[] sha256, Map<ChecksumAlgorithm, byte[]> checksums) {
      this.length = length;
      this.md5 = md5;
      this.sha256 = sha256;
      this.checksums = checksums;
    }

    /** Number of bytes digested. */
    public long length() {
      return length;
    }

    public byte[] md5() {
      return md5.clone();
    }

    /** Lower-case hex MD5: a single-part object's ETag (without the quotes). */
    public String md5Hex() {
      return HexFormat.of().formatHex(md5);
    }

    public String md5Base64() {
      return Base64.getEncoder().encodeToString(md5);
    }

    /** Present when SHA-256 was computed. */
    public Optional<byte[]> sha256() {
      return Optional.ofNullable(sha256).map(byte[]::clone);
    }

    public Optional<String> sha256Hex() {
      return Optional.ofNullable(sha256).map(HexFormat.of()::formatHex);
    }

    /** The raw checksum of {@code algorithm}, when it was computed. */
    public Optional<byte[]> checksum(ChecksumAlgorithm algorithm) {
      return Optional.ofNullable(checksums.get(algorithm)).map(byte[]::clone);
    }

    /** The wire form (base64) of the checksum of {@code algorithm}, when it was computed. */
    public Optional<String> checksumBase64(ChecksumAlgorithm algorithm) {
      return Optional.ofNullable(checksums.get(algorithm)).map(algorithm::encode);
    }

    /** Every computed checksum, raw (a copy, in algorithm order). */
    public Map<ChecksumAlgorithm, byte[]> checksums() {
      Map<ChecksumAlgorithm, byte[]> copy = new EnumMap<>(ChecksumAlgorithm.class);
      checksums.forEach((algorithm, raw) -> copy.put(algorithm, raw.clone()));
      return Collections.unmodifiableMap(copy);
    }

    /** The algorithms computed. */
    public Set<ChecksumAlgorithm> algorithms() {
      return checksums.isEmpty() ? EnumSet.noneOf(ChecksumAlgorithm.class)
          : EnumSet.copyOf(checksums.keySet());
    }

    /**
     * @throws IntegrityException CHECKSUM_MISMATCH when {@code claimed} differs
     * @throws IllegalStateException when {@code algorithm} was not computed
     */
    public void verifyChecksum(ChecksumAlgorithm algorithm, byte[] claimed) {
      byte[] actual = checksums.get(algorithm);
      if (actual == null) {
        throw new IllegalStateException(algorithm + " was not computed");
      }
      if (!MessageDigest.isEqual(actual, claimed)) {
        throw new IntegrityException(IntegrityFailure.CHECKSUM_MISMATCH, "The "
            + algorithm.algorithmName() + " you specified did not match the calculated checksum.");
      }
    }

    @Override
    public String toString() {
      return "PayloadDigests.Result[length=" + length + ", md5=" + md5Hex() + ", checksums="
          + checksums.keySet() + "]";
    }
  }
}
