package dev.minicloud.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.json.Json;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.RetriableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Turns an error response (S3/STS XML, or the JSON APIs' {@code {"error":{...}}}) into a typed
 * exception. This is the one place that decides what is retriable.
 */
public final class Errors {

  /** Codes that mean "slow down and try again" whatever the status. */
  static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException",
      "RequestLimitExceeded", "TooManyRequests", "TooManyRequestsException", "RequestTimeout");

  /** S3's messages for the codes a body-less 404 (HEAD) is given. */
  private static final java.util.Map<String, String> DEFAULT_MESSAGES = java.util.Map.of(
      "NoSuchKey", "The specified key does not exist.",
      "NoSuchBucket", "The specified bucket does not exist.",
      "NoSuchUpload", "The specified multipart upload does not exist.",
      "AccessDenied", "Access Denied");

  private Errors() {}

  /**
   * The exception for an error response.
   *
   * @param notFoundCode the code to use for a 404 without a body (HEAD answers carry none)
   */
  public static MiniCloudException fromResponse(int status, String requestId, byte[] body, String notFoundCode) {
    String code = null;
    String message = null;
    String text = new String(body, StandardCharsets.UTF_8).strip();
    try {
      if (text.startsWith("<")) {
        Element root = Xml.parse(body);
        Element error = "Error".equals(root.getTagName()) ? root : Xml.child(root, "Error");
        if (error != null) {
          code = Xml.text(error, "Code");
          message = Xml.text(error, "Message");
          String rid = Xml.text(error, "RequestId");
          if (rid == null) {
            rid = Xml.text(root, "RequestId");
          }
          if (rid != null && !rid.isBlank()) {
            requestId = rid;
          }
        }
      } else if (text.startsWith("{")) {
        JsonNode error = Json.mapper().readTree(body).path("error");
        if (error.isObject()) {
          code = error.path("code").asText(null);
          message = error.path("message").asText(null);
          String rid = error.path("requestId").asText(null);
          if (rid != null && !rid.isBlank()) {
            requestId = rid;
          }
        }
      }
    } catch (MiniCloudException | IOException e) {
      message = "unreadable error response: " + abbreviate(text);
    }
    if (code == null || code.isBlank()) {
      code = defaultCode(status, notFoundCode);
    }
    if ((message == null || message.isBlank()) && DEFAULT_MESSAGES.containsKey(code)) {
      message = DEFAULT_MESSAGES.get(code);
    }
    if (message == null || message.isBlank()) {
      message = "HTTP " + status + (text.isEmpty() ? "" : ": " + abbreviate(text));
    }
    return isRetriable(code, status)
        ? new RetriableException(code, status, requestId, message)
        : new MiniCloudException(code, status, requestId, message);
  }

  /** The retry rule: throttling codes, JSON codes marked retriable, and 5xx except 501. */
  static boolean isRetriable(String code, int status) {
    if (THROTTLING.contains(code) || status == 429) {
      return true;
    }
    for (ApiErrorCode known : ApiErrorCode.values()) {
      if (known.code().equals(code)) {
        return known.retriable();
      }
    }
    return status >= 500 && status != 501;
  }

  private static String defaultCode(int status, String notFoundCode) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "AccessDenied";
      case 404 -> notFoundCode == null ? "NotFound" : notFoundCode;
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 412 -> "PreconditionFailed";
      case 416 -> "InvalidRange";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 501 -> "NotImplemented";
      case 503 -> "ServiceUnavailable";
      default -> "Http" + status;
    };
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
