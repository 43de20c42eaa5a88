package dev.minicloud.sdk.audit;

import java.time.Instant;

/**
 * One audited call: who did what to which resource, from where, and how it ended.
 *
 * @param eventTime when the outcome was decided
 * @param eventId unique id (the request id)
 * @param accountId the caller's account
 * @param userName the caller inside the account ({@code root} for the account root)
 * @param accessKeyId the key the call was signed with
 * @param action e.g. {@code s3:PutObject}
 * @param resource e.g. {@code arn:minicloud:s3:::bucket/key}
 * @param sourceIp the client's address
 * @param userAgent the client's User-Agent
 * @param requestId the request id
 * @param httpStatus the response status
 * @param outcome {@code success}, {@code denied} or {@code error}
 * @param errorCode the error code returned, or null on success
 */
public record AuditEvent(Instant eventTime, String eventId, String accountId, String userName, String accessKeyId,
    String action, String resource, String sourceIp, String userAgent, String requestId, int httpStatus,
    String outcome, String errorCode) {}
