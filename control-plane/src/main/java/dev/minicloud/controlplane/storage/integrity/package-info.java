/**
 * Payload integrity of the S3 API, without any HTTP: the flexible checksums ({@link
 * dev.minicloud.controlplane.storage.integrity.ChecksumAlgorithm}), one-pass digests of a body
 * checked against what the request claims ({@link
 * dev.minicloud.controlplane.storage.integrity.PayloadDigests}, {@link
 * dev.minicloud.controlplane.storage.integrity.PayloadExpectations}), multipart checksums ({@link
 * dev.minicloud.controlplane.storage.integrity.CompositeChecksum}) and the {@code aws-chunked}
 * decoder ({@link dev.minicloud.controlplane.storage.integrity.AwsChunkedDecoder}).
 *
 * <p>Every failure is an {@link dev.minicloud.controlplane.storage.integrity.IntegrityException}
 * carrying an {@link dev.minicloud.controlplane.storage.integrity.IntegrityFailure}; the HTTP layer
 * maps those to S3 error codes in one place.
 */
package dev.minicloud.controlplane.storage.integrity;
