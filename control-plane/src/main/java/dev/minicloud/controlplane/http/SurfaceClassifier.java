package dev.minicloud.controlplane.http;

import java.util.List;

/**
 * Decides which protocol a request speaks from its method, path and content type. The
 * prefixes listed here are also reserved: no bucket may take one of these names.
 */
public final class SurfaceClassifier {

  /** Path prefixes of the JSON APIs, versioned. */
  public static final List<String> JSON_API_PREFIXES =
      List.of("/compute/v1", "/iam/v1", "/billing/v1", "/audit/v1", "/admin/v1");

  /** The content type of AWS query-protocol requests (form-encoded POST to "/"). */
  public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

  public static final String INTERNAL_PREFIX = "/internal/v1";

  /** Where the OpenAPI documents are served ({@code GET /openapi/{name}.yaml}), like the probes. */
  public static final String OPENAPI_PREFIX = "/openapi";

  /** First path segments that buckets may not use, because the platform's own APIs live there. */
  public static final List<String> RESERVED_BUCKET_NAMES =
      List.of("compute", "iam", "billing", "audit", "admin", "internal", "health", "metrics", "openapi");

  private SurfaceClassifier() {}

  public static ApiSurface classify(String method, String path, String contentType) {
    if (path.equals("/metrics") || path.startsWith("/health/") || path.startsWith(OPENAPI_PREFIX + "/")) {
      return ApiSurface.PROBE;
    }
    if (underPrefix(path, INTERNAL_PREFIX)) {
      return ApiSurface.INTERNAL;
    }
    for (String prefix : JSON_API_PREFIXES) {
      if (underPrefix(path, prefix)) {
        return ApiSurface.JSON;
      }
    }
    if (path.equals("/") && isQueryProtocol(method, contentType)) {
      return ApiSurface.STS;
    }
    return ApiSurface.S3;
  }

  private static boolean underPrefix(String path, String prefix) {
    return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
  }

  /** AWS query protocol: a form-encoded POST to "/" (S3 has no POST on the service root). */
  private static boolean isQueryProtocol(String method, String contentType) {
    return "POST".equals(method) && contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(FORM_CONTENT_TYPE);
  }
}
