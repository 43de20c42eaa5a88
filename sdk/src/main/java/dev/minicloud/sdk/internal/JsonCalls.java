package dev.minicloud.sdk.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.minicloud.common.json.Json;
import dev.minicloud.sdk.MiniCloudException;
import java.io.IOException;

/**
 * Calls to MiniCloud's JSON APIs ({@code /compute/v1}, {@code /iam/v1}, {@code /billing/v1},
 * {@code /audit/v1}, {@code /admin/v1}): JSON bodies, SigV4 with the API's service name, errors
 * as {@code {"error":{...}}}. Every JSON sub-client is a thin layer over this.
 */
public final class JsonCalls {

  private final HttpExecutor http;

  public JsonCalls(HttpExecutor http) {
    this.http = http;
  }

  /**
   * Sends one call and decodes the answer.
   *
   * @param service the signing service name ({@code compute}, {@code iam}, {@code admin}...)
   * @param rawPath the encoded path, e.g. {@code /admin/v1/nodes}
   * @param rawQuery the encoded query, or empty
   * @param body an object to send as JSON, or null for none
   * @param type the answer's type ({@code Void.class} to ignore it)
   */
  public <T> T call(String method, String service, String rawPath, String rawQuery, Object body, TypeReference<T> type) {
    return call(method, service, rawPath, rawQuery, body, Json.mapper().getTypeFactory().constructType(type), null);
  }

  /**
   * As {@link #call(String, String, String, String, Object, TypeReference)}, saying whether the
   * call may be sent twice (a POST with an idempotency token may).
   */
  public <T> T call(String method, String service, String rawPath, String rawQuery, Object body, TypeReference<T> type,
      boolean idempotent) {
    return call(method, service, rawPath, rawQuery, body, Json.mapper().getTypeFactory().constructType(type),
        Boolean.valueOf(idempotent));
  }

  /** As {@link #call(String, String, String, String, Object, TypeReference)} with a class. */
  public <T> T call(String method, String service, String rawPath, String rawQuery, Object body, Class<T> type) {
    return call(method, service, rawPath, rawQuery, body, Json.mapper().getTypeFactory().constructType(type), null);
  }

  private <T> T call(String method, String service, String rawPath, String rawQuery, Object body, JavaType type,
      Boolean idempotent) {
    Call call = Call.of(method, service, rawPath, rawQuery).header("accept", "application/json");
    if (idempotent != null) {
      call.idempotent(idempotent);
    }
    if (body != null) {
      call.header("content-type", "application/json").body(Body.bytes(Json.toBytes(body)));
    }
    HttpExecutor.Response r = http.sendForBytes(call);
    if (type.getRawClass() == Void.class || r.body().length == 0) {
      return null;
    }
    try {
      return Json.mapper().readValue(r.body(), type);
    } catch (IOException e) {
      throw new MiniCloudException("MalformedResponse", r.status(), r.header("x-amz-request-id"),
          "cannot read the answer to " + method + " " + rawPath + ": " + e.getMessage(), e);
    }
  }
}
