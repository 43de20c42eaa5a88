package dev.minicloud.controlplane.storage.integrity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a request claims about its body, read from its headers and validated before the body is
 * read: Content-MD5, a hex x-amz-content-sha256, one x-amz-checksum-* value or a checksum announced
 * in x-amz-trailer, and x-amz-sdk-checksum-algorithm. Immutable.
 */
public final class PayloadExpectations {

  public static final String CONTENT_MD5 = "content-md5";
  public static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";
  public static final String X_AMZ_SDK_CHECKSUM_ALGORITHM = "x-amz-sdk-checksum-algorithm";
  public static final String X_AMZ_TRAILER = "x-amz-trailer";

  /** Headers that start like a checksum header but are not one. */
  private static final Set<String> NOT_CHECKSUM_VALUES = Set.of(
      "x-amz-checksum-algorithm", "x-amz-checksum-type", "x-amz-checksum-mode");

  private static final PayloadExpectations NONE = new Builder().build();

  private final byte[] contentMd5;
  private final String contentSha256Hex;
  private final ChecksumAlgorithm checksumAlgorithm;
  private final byte[] checksumValue;
  private final boolean checksumInTrailer;
  private final List<String> trailerNames;

  private PayloadExpectations(Builder b) {
    this.contentMd5 = b.contentMd5;
    this.contentSha256Hex = b.contentSha256Hex;
    this.checksumAlgorithm = b.checksumAlgorithm;
    this.checksumValue = b.checksumValue;
    this.checksumInTrailer = b.checksumInTrailer;
    this.trailerNames = List.copyOf(b.trailerNames);
  }

  /** A body nobody vouches for (only the MD5 for the ETag is computed). */
  public static PayloadExpectations none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the request's headers (names in any case; Vert.x's MultiMap is such an iterable).
   *
   * @throws IntegrityException INVALID_DIGEST, INVALID_CHECKSUM, MULTIPLE_CHECKSUMS,
   *     UNSUPPORTED_CHECKSUM_ALGORITHM, CHECKSUM_ALGORITHM_MISMATCH, MISSING_CHECKSUM
   */
  public static PayloadExpectations fromHeaders(
      Iterable<? extends Map.Entry<String, String>> headers) {
    Builder builder = new Builder();
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      String value = header.getValue();
      if (name.equals(CONTENT_MD5)) {
        builder.contentMd5(value);
      } else if (name.equals(X_AMZ_CONTENT_SHA256)) {
        builder.contentSha256(value);
      } else if (name.equals(X_AMZ_SDK_CHECKSUM_ALGORITHM)) {
        builder.sdkChecksumAlgorithm(value);
      } else if (name.equals(X_AMZ_TRAILER)) {
        builder.trailer(value);
      } else if (name.startsWith(ChecksumAlgorithm.HEADER_PREFIX)
          && !NOT_CHECKSUM_VALUES.contains(name)) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromHeaderName(name).orElseThrow(() ->
            new IntegrityException(IntegrityFailure.UNSUPPORTED_CHECKSUM_ALGORITHM,
                "The checksum algorithm of " + name + " is not supported."));
        builder.checksum(algorithm, value);
      }
    }
    return builder.build();
  }

  /** Content-MD5, decoded (16 bytes). */
  public Optional<byte[]> contentMd5() {
    return Optional.ofNullable(contentMd5).map(byte[]::clone);
  }

  /** The hex SHA-256 the signature claims for the body (lower case), if it claimed one. */
  public Optional<String> contentSha256Hex() {
    return Optional.ofNullable(contentSha256Hex);
  }

  /** The flexible checksum algorithm of the request, from a header, a trailer or the SDK header. */
  public Optional<ChecksumAlgorithm> checksumAlgorithm() {
    return Optional.ofNullable(checksumAlgorithm);
  }

  /** The checksum value sent as a header (raw), if it was sent as a header. */
  public Optional<byte[]> checksumValue() {
    return Optional.ofNullable(checksumValue).map(byte[]::clone);
  }

  /** True when the checksum value comes in the aws-chunked trailer. */
  public boolean checksumInTrailer() {
    return checksumInTrailer;
  }

  /** The trailer names announced in x-amz-trailer, lower case, in order. */
  public List<String> trailerNames() {
    return trailerNames;
  }

  /** The checksum algorithms whose value must be computed to check this request. */
  public Set<ChecksumAlgorithm> algorithmsToCompute() {
    return checksumAlgorithm == null ? Collections.emptySet() : EnumSet.of(checksumAlgorithm);
  }

  @Override
  public String toString() {
    return "PayloadExpectations[md5=" + (contentMd5 != null) + ", sha256=" + contentSha256Hex
        + ", checksum=" + checksumAlgorithm + (checksumInTrailer ? " (trailer)" : "")
        + ", trailers=" + trailerNames + "]";
  }

  /** Collects claims one by one; each value is validated as it is given. */
  public static final class Builder {
    private byte[] contentMd5;
    private String contentSha256Hex;
    private ChecksumAlgorithm checksumAlgorithm;
    private byte[] checksumValue;
    private boolean checksumInTrailer;
    private final Set<String> trailerNames = new LinkedHashSet<>();
    private ChecksumAlgorithm sdkAlgorithm;
    private int checksums;

    private Builder() {}

    /** @throws IntegrityException INVALID_DIGEST unless it is the base64 of 16 bytes */
    public Builder contentMd5(String base64) {
      byte[] raw = ChecksumAlgorithm.decodeBase64(base64);
      if (raw == null || raw.length != 16) {
        throw new IntegrityException(IntegrityFailure.INVALID_DIGEST,
            "The Content-MD5 you specified is not valid.");
      }
      contentMd5 = raw;
      return this;
    }

    /** Keeps the value only when it is a SHA-256 hex (streaming and unsigned markers say nothing). */
    public Builder contentSha256(String value) {
      if (value != null && isSha256Hex(value.trim())) {
        contentSha256Hex = value.trim().toLowerCase(Locale.ROOT);
      }
      return this;
    }

    /** @throws IntegrityException INVALID_CHECKSUM, MULTIPLE_CHECKSUMS */
    public Builder checksum(ChecksumAlgorithm algorithm, String base64) {
      byte[] raw = algorithm.decode(base64);
      claim(algorithm);
      checksumValue = raw;
      return this;
    }

    /**
     * The x-amz-trailer value: comma-separated trailer names; a checksum among them says the
     * checksum value comes at the end of an aws-chunked body.
     *
     * @throws IntegrityException UNSUPPORTED_CHECKSUM_ALGORITHM, MULTIPLE_CHECKSUMS
     */
    public Builder trailer(String value) {
      if (value == null) {
        return this;
      }
      for (String piece : value.split(",")) {
        String name = piece.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
          continue;
        }
        if (name.startsWith(ChecksumAlgorithm.HEADER_PREFIX)) {
          ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromHeaderName(name).orElseThrow(() ->
              new IntegrityException(IntegrityFailure.UNSUPPORTED_CHECKSUM_ALGORITHM,
                  "The trailing checksum " + name + " is not supported."));
          if (trailerNames.add(name)) {
            claim(algorithm);
            checksumInTrailer = true;
          }
        } else {
          trailerNames.add(name);
        }
      }
      return this;
    }

    /** @throws IntegrityException UNSUPPORTED_CHECKSUM_ALGORITHM */
    public Builder sdkChecksumAlgorithm(String name) {
      sdkAlgorithm = ChecksumAlgorithm.fromAlgorithmName(name).orElseThrow(() ->
          new IntegrityException(IntegrityFailure.UNSUPPORTED_CHECKSUM_ALGORITHM,
              "Checksum algorithm provided is unsupported. Please try again with any of the valid"
                  + " types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
      return this;
    }

    /** @throws IntegrityException CHECKSUM_ALGORITHM_MISMATCH, MISSING_CHECKSUM */
    public PayloadExpectations build() {
      if (sdkAlgorithm != null) {
        if (checksumAlgorithm == null) {
          throw new IntegrityException(IntegrityFailure.MISSING_CHECKSUM,
              "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or"
                  + " x-amz-trailer headers were found.");
        }
        if (checksumAlgorithm != sdkAlgorithm) {
          throw new IntegrityException(IntegrityFailure.CHECKSUM_ALGORITHM_MISMATCH,
              "Value for x-amz-sdk-checksum-algorithm header is invalid.");
        }
      }
      return new PayloadExpectations(this);
    }

    private void claim(ChecksumAlgorithm algorithm) {
      if (++checksums > 1) {
        throw new IntegrityException(IntegrityFailure.MULTIPLE_CHECKSUMS,
            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
      }
      checksumAlgorithm = algorithm;
    }

    private static boolean isSha256Hex(String value) {
      return value.length() == 64 && ChecksumAlgorithm.isAsciiHex(value);
    }
  }
}
