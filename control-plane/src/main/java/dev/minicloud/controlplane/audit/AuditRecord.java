package dev.minicloud.controlplane.audit;

import java.time.Instant;

/**
 * One audit record: who did what to which resource, from where, and how it ended.
 *
 * @param eventTime when the outcome was decided (the response headers were written)
 * @param eventId unique id of the record (the request id: one record per request)
 * @param accountId the caller's account
 * @param userName the caller inside the account ({@code root} for the account root)
 * @param accessKeyId the access key the call was signed with
 * @param action e.g. {@code s3:PutObject}; {@code unknown} when the call failed before its action
 *     was known
 * @param resource what the call addressed, e.g. {@code arn:minicloud:s3:::bucket/key}
 * @param sourceIp the client's address
 * @param userAgent the client's User-Agent header
 * @param requestId the request id ({@code x-amz-request-id})
 * @param httpStatus the response status
 * @param outcome {@code success}, {@code denied} (AccessDenied and other 403s) or {@code error}
 * @param errorCode the error code returned, or null on success
 */
public record AuditRecord(
    Instant eventTime, String eventId, String accountId, String userName, String accessKeyId, String action,
    String resource, String sourceIp, String userAgent, String requestId, int httpStatus, String outcome,
    String errorCode) {

  public static final String SUCCESS = "success";
  public static final String DENIED = "denied";
  public static final String ERROR = "error";

  public static String outcomeOf(int httpStatus) {
    if (httpStatus < 400) {
      return SUCCESS;
    }
    return httpStatus == 401 || httpStatus == 403 ? DENIED : ERROR;
  }
}
