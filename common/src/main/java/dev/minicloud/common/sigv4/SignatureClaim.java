package dev.minicloud.common.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * What a request claims about its own signature, read from the Authorization header or from the
 * presigned query parameters, before anything is checked against a secret or a clock.
 *
 * @param expiresSeconds X-Amz-Expires of a presigned request; 0 for the header form
 */
record SignatureClaim(
    String accessKeyId,
    CredentialScope scope,
    List<String> signedHeaders,
    String signature,
    Instant requestTime,
    String payloadHash,
    boolean presigned,
    long expiresSeconds) {}
