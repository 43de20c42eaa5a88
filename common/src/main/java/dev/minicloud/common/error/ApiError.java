package dev.minicloud.common.error;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON error body of MiniCloud's JSON APIs: {@code {"error":{"code","message","requestId"}}}.
 * Shared by the servers (which write it) and the SDK (which reads it).
 */
public record ApiError(@JsonProperty("error") Body error) {

  public record Body(String code, String message, String requestId) {}

  public static ApiError of(ErrorCode code, String message, String requestId) {
    return new ApiError(new Body(code.code(), message, requestId));
  }
}
