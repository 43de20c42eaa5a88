package dev.minicloud.controlplane.storage.integrity;

/**
 * Why a body (or the headers describing it) failed an integrity check. The S3 code and message
 * that Amazon S3 answers in each case are noted for the HTTP layer, which does the mapping.
 */
public enum IntegrityFailure {

  /** Content-MD5 does not match the body. S3: 400 BadDigest, "The Content-MD5 you specified did
   * not match what we received." */
  BAD_DIGEST,

  /** Content-MD5 is not the base64 of 16 bytes. S3: 400 InvalidDigest, "The Content-MD5 you
   * specified is not valid." */
  INVALID_DIGEST,

  /** A hex x-amz-content-sha256 does not match the body. S3: 400 XAmzContentSHA256Mismatch, "The
   * provided 'x-amz-content-sha256' header does not match what was computed." */
  CONTENT_SHA256_MISMATCH,

  /** An x-amz-checksum-* value (header or trailer) does not match the body. S3: 400 BadDigest,
   * "The CRC32 you specified did not match the calculated checksum." */
  CHECKSUM_MISMATCH,

  /** An x-amz-checksum-* value is not the base64 of a digest of the algorithm's size. S3: 400
   * InvalidRequest, "Value for x-amz-checksum-crc32 header is invalid." */
  INVALID_CHECKSUM,

  /** More than one x-amz-checksum-* value (headers and trailer together). S3: 400 InvalidRequest,
   * "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed." */
  MULTIPLE_CHECKSUMS,

  /** An algorithm name S3 does not know (x-amz-sdk-checksum-algorithm, x-amz-checksum-algorithm,
   * x-amz-checksum-foo, x-amz-trailer). S3: 400 InvalidRequest. */
  UNSUPPORTED_CHECKSUM_ALGORITHM,

  /** x-amz-sdk-checksum-algorithm names another algorithm than the checksum sent. S3: 400
   * InvalidRequest. */
  CHECKSUM_ALGORITHM_MISMATCH,

  /** x-amz-sdk-checksum-algorithm without any x-amz-checksum-* header or x-amz-trailer. S3: 400
   * InvalidRequest. */
  MISSING_CHECKSUM,

  /** The body ended early: fewer bytes than declared, or no final zero-length chunk. S3: 400
   * IncompleteBody. */
  INCOMPLETE_BODY,

  /** aws-chunked framing is broken: bad chunk size, missing CRLF, missing chunk-signature, a
   * header line over the limit, bytes after the end. S3: 400 IncompleteBody (or InvalidRequest). */
  MALFORMED_CHUNK,

  /** The trailer section is missing, truncated, malformed, unannounced or too big. S3: 400
   * MalformedTrailerError, "The request contained trailing data that was not well-formed or did
   * not conform to our published schema." */
  MALFORMED_TRAILER,

  /** A chunk or trailer signature does not verify. S3: 403 SignatureDoesNotMatch. */
  SIGNATURE_DOES_NOT_MATCH,

  /** x-amz-decoded-content-length is not a non-negative decimal. S3: 400 InvalidArgument (411
   * MissingContentLength when a signed stream lacks it). */
  INVALID_DECODED_CONTENT_LENGTH,

  /** The x-amz-content-sha256 streaming marker is one MiniCloud does not decode (e.g. the ECDSA
   * ones). S3 with SigV4a would accept; we answer 501 NotImplemented. */
  UNSUPPORTED_STREAMING_MODE
}
