package dev.minicloud.sdk.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One API call to send: method, signing service, raw (already encoded) path and query, headers,
 * body, and whether it is idempotent (only those are retried).
 */
public final class Call {

  final String method;
  final String service;
  final String rawPath;
  final String rawQuery;
  final Map<String, String> headers = new LinkedHashMap<>();
  Body body = Body.empty();
  boolean idempotent;
  String notFoundCode;

  private Call(String method, String service, String rawPath, String rawQuery) {
    this.method = Objects.requireNonNull(method);
    this.service = Objects.requireNonNull(service);
    this.rawPath = rawPath.isEmpty() ? "/" : rawPath;
    this.rawQuery = rawQuery == null ? "" : rawQuery;
    // GET, HEAD, PUT and DELETE are idempotent in S3 and in our JSON APIs; POST is not.
    this.idempotent = !"POST".equals(method);
  }

  /** A call; {@code rawPath} and {@code rawQuery} must already be percent-encoded. */
  public static Call of(String method, String service, String rawPath, String rawQuery) {
    return new Call(method, service, rawPath, rawQuery);
  }

  public Call header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Call body(Body body) {
    this.body = body;
    return this;
  }

  /** Marks the call as safe (or not) to send twice. */
  public Call idempotent(boolean idempotent) {
    this.idempotent = idempotent;
    return this;
  }

  /** The error code for a 404 that has no body (HEAD): NoSuchKey, NoSuchBucket... */
  public Call notFoundCode(String code) {
    this.notFoundCode = code;
    return this;
  }

  @Override
  public String toString() {
    return method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
  }
}
