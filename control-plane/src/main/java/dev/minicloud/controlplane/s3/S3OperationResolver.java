package dev.minicloud.controlplane.s3;

import dev.minicloud.common.error.ApiException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which S3 operation a request is, from its method, whether it names a bucket and a key, its
 * sub-resource query parameters and (for copies) the copy-source header. S3's own dispatch rules.
 */
public final class S3OperationResolver {

  /** Sub-resources MiniCloud does not serve yet: answered NotImplemented, never mistaken for a listing or a PUT. */
  private static final List<String> UNSUPPORTED = List.of("acl", "policy", "policyStatus", "cors", "lifecycle",
      "website", "replication", "logging", "notification", "encryption", "object-lock", "ownershipControls",
      "publicAccessBlock", "accelerate", "requestPayment", "analytics", "metrics", "inventory",
      "intelligent-tiering", "legal-hold", "retention", "restore", "select", "torrent", "attributes", "versioning");

  /** A configuration's GET, and its DELETE where S3 has one (null otherwise). */
  private record NeverConfigured(S3Operation get, S3Operation delete) { }

  /**
   * Bucket configurations MiniCloud cannot set (their PUT is NotImplemented), by sub-resource: the
   * GET answers what S3 answers for a bucket that never had one, the DELETE S3's 204. Tools that
   * read every configuration of a bucket (infrastructure-as-code providers, {@code s3cmd info})
   * then work.
   */
  private static final Map<String, NeverConfigured> NEVER_CONFIGURED = Map.ofEntries(
      Map.entry("cors", new NeverConfigured(S3Operation.GET_BUCKET_CORS, S3Operation.DELETE_BUCKET_CORS)),
      Map.entry("lifecycle",
          new NeverConfigured(S3Operation.GET_BUCKET_LIFECYCLE, S3Operation.DELETE_BUCKET_LIFECYCLE)),
      Map.entry("website", new NeverConfigured(S3Operation.GET_BUCKET_WEBSITE, S3Operation.DELETE_BUCKET_WEBSITE)),
      Map.entry("replication",
          new NeverConfigured(S3Operation.GET_BUCKET_REPLICATION, S3Operation.DELETE_BUCKET_REPLICATION)),
      Map.entry("object-lock", new NeverConfigured(S3Operation.GET_OBJECT_LOCK_CONFIGURATION, null)),
      Map.entry("publicAccessBlock",
          new NeverConfigured(S3Operation.GET_PUBLIC_ACCESS_BLOCK, S3Operation.DELETE_PUBLIC_ACCESS_BLOCK)),
      Map.entry("ownershipControls",
          new NeverConfigured(S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS, S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS)),
      Map.entry("accelerate", new NeverConfigured(S3Operation.GET_BUCKET_ACCELERATE, null)),
      Map.entry("requestPayment", new NeverConfigured(S3Operation.GET_BUCKET_REQUEST_PAYMENT, null)),
      Map.entry("logging", new NeverConfigured(S3Operation.GET_BUCKET_LOGGING, null)),
      Map.entry("notification", new NeverConfigured(S3Operation.GET_BUCKET_NOTIFICATION, null)));

  private S3OperationResolver() {}

  public static S3Operation resolve(String method, S3Request r, boolean copySource) {
    if (r.bucket() == null) {
      if ("GET".equals(method)) {
        return S3Operation.LIST_BUCKETS;
      }
      throw notAllowed();
    }
    return r.key() == null ? bucketOperation(method, r) : objectOperation(method, r, copySource);
  }

  private static S3Operation bucketOperation(String method, S3Request r) {
    switch (method) {
      case "GET" -> {
        if (r.has("location")) {
          return S3Operation.GET_BUCKET_LOCATION;
        }
        if (r.has("tagging")) {
          return S3Operation.GET_BUCKET_TAGGING;
        }
        if (r.has("versions")) {
          return S3Operation.LIST_OBJECT_VERSIONS;
        }
        if (r.has("uploads")) {
          return S3Operation.LIST_MULTIPART_UPLOADS;
        }
        if (r.has("versioning")) {
          return S3Operation.GET_BUCKET_VERSIONING;
        }
        if (r.has("acl")) {
          return S3Operation.GET_BUCKET_ACL;
        }
        if (r.has("policy")) {
          return S3Operation.GET_BUCKET_POLICY;
        }
        if (r.has("policyStatus")) {
          return S3Operation.GET_BUCKET_POLICY_STATUS;
        }
        if (r.has("encryption")) {
          return S3Operation.GET_BUCKET_ENCRYPTION;
        }
        S3Operation neverConfigured = neverConfigured(r, NeverConfigured::get);
        if (neverConfigured != null) {
          return neverConfigured;
        }
        rejectUnsupported(r);
        return "2".equals(r.param("list-type")) ? S3Operation.LIST_OBJECTS_V2 : S3Operation.LIST_OBJECTS;
      }
      case "HEAD" -> {
        return S3Operation.HEAD_BUCKET;
      }
      case "PUT" -> {
        if (r.has("tagging")) {
          return S3Operation.PUT_BUCKET_TAGGING;
        }
        if (r.has("policy")) {
          return S3Operation.PUT_BUCKET_POLICY;
        }
        if (r.has("acl")) {
          return S3Operation.PUT_BUCKET_ACL;
        }
        if (r.has("encryption")) {
          return S3Operation.PUT_BUCKET_ENCRYPTION;
        }
        if (r.has("versioning")) {
          return S3Operation.PUT_BUCKET_VERSIONING;
        }
        rejectUnsupported(r);
        return S3Operation.CREATE_BUCKET;
      }
      case "DELETE" -> {
        if (r.has("tagging")) {
          return S3Operation.DELETE_BUCKET_TAGGING;
        }
        if (r.has("policy")) {
          return S3Operation.DELETE_BUCKET_POLICY;
        }
        if (r.has("encryption")) {
          return S3Operation.DELETE_BUCKET_ENCRYPTION;
        }
        S3Operation neverConfigured = neverConfigured(r, NeverConfigured::delete);
        if (neverConfigured != null) {
          return neverConfigured;
        }
        rejectUnsupported(r);
        return S3Operation.DELETE_BUCKET;
      }
      case "POST" -> {
        if (r.has("delete")) {
          return S3Operation.DELETE_OBJECTS;
        }
        throw notAllowed();
      }
      default -> throw notAllowed();
    }
  }

  private static S3Operation objectOperation(String method, S3Request r, boolean copySource) {
    switch (method) {
      case "GET" -> {
        if (r.has("tagging")) {
          return S3Operation.GET_OBJECT_TAGGING;
        }
        if (r.has("uploadId")) {
          return S3Operation.LIST_PARTS;
        }
        if (r.has("acl")) {
          return S3Operation.GET_OBJECT_ACL;
        }
        if (r.has("attributes")) {
          return S3Operation.GET_OBJECT_ATTRIBUTES;
        }
        rejectUnsupported(r);
        return S3Operation.GET_OBJECT;
      }
      case "HEAD" -> {
        return S3Operation.HEAD_OBJECT;
      }
      case "PUT" -> {
        if (r.has("tagging")) {
          return S3Operation.PUT_OBJECT_TAGGING;
        }
        if (r.has("acl")) {
          return S3Operation.PUT_OBJECT_ACL;
        }
        if (r.has("uploadId") || r.has("partNumber")) {
          return copySource ? S3Operation.UPLOAD_PART_COPY : S3Operation.UPLOAD_PART;
        }
        rejectUnsupported(r);
        return copySource ? S3Operation.COPY_OBJECT : S3Operation.PUT_OBJECT;
      }
      case "DELETE" -> {
        if (r.has("tagging")) {
          return S3Operation.DELETE_OBJECT_TAGGING;
        }
        if (r.has("uploadId")) {
          return S3Operation.ABORT_MULTIPART_UPLOAD;
        }
        return S3Operation.DELETE_OBJECT;
      }
      case "POST" -> {
        if (r.has("uploads")) {
          return S3Operation.CREATE_MULTIPART_UPLOAD;
        }
        if (r.has("uploadId")) {
          return S3Operation.COMPLETE_MULTIPART_UPLOAD;
        }
        if (r.has("restore")) {
          return S3Operation.RESTORE_OBJECT;
        }
        rejectUnsupported(r); // select: NotImplemented, not MethodNotAllowed
        throw notAllowed();
      }
      default -> throw notAllowed();
    }
  }

  /** The operation {@code which} names for the never-configured sub-resource the request has, or null. */
  private static S3Operation neverConfigured(S3Request r, Function<NeverConfigured, S3Operation> which) {
    for (Map.Entry<String, NeverConfigured> entry : NEVER_CONFIGURED.entrySet()) {
      if (r.has(entry.getKey())) {
        return which.apply(entry.getValue());
      }
    }
    return null;
  }

  private static void rejectUnsupported(S3Request r) {
    for (String name : UNSUPPORTED) {
      if (r.has(name)) {
        throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED, "The '" + name + "' sub-resource is not implemented.");
      }
    }
  }

  private static ApiException notAllowed() {
    return new ApiException(S3ErrorCode.METHOD_NOT_ALLOWED);
  }
}
