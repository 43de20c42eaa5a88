/**
 * AWS Signature Version 4, shared by the server (which verifies) and the SDK (which signs), so
 * both sides canonicalize a request with the same code.
 *
 * <ul>
 *   <li>{@link dev.minicloud.common.sigv4.SignableRequest}: a request as it is on the wire.
 *   <li>{@link dev.minicloud.common.sigv4.SigV4Signer}: signs with the Authorization header or
 *       presigns a query string.
 *   <li>{@link dev.minicloud.common.sigv4.SigV4Verifier}: checks either form and returns a
 *       {@link dev.minicloud.common.sigv4.VerifiedRequest}, or throws a {@link
 *       dev.minicloud.common.sigv4.SigV4Exception} carrying an {@link
 *       dev.minicloud.common.sigv4.AuthFailure}.
 *   <li>{@link dev.minicloud.common.sigv4.ChunkSignatureChain} and {@link
 *       dev.minicloud.common.sigv4.StreamingSignatures}: per-chunk signatures of aws-chunked bodies.
 * </ul>
 *
 * <p>Canonicalization has two profiles, chosen by the credential-scope service ({@link
 * dev.minicloud.common.sigv4.CanonicalizationProfile}): S3 encodes the decoded path once and never
 * normalizes it (object keys may contain {@code //} or {@code ..}); every other service encodes the
 * normalized wire path a second time, as the AWS SDKs do.
 *
 * <p>JDK only: the SDK must not drag server dependencies along.
 */
package dev.minicloud.common.sigv4;
