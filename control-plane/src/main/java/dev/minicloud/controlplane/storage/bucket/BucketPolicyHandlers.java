package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.policy.Effect;
import dev.minicloud.controlplane.iam.policy.MalformedPolicyException;
import dev.minicloud.controlplane.iam.policy.PolicyDocument;
import dev.minicloud.controlplane.iam.policy.PolicyParser;
import dev.minicloud.controlplane.iam.policy.PrincipalSpec;
import dev.minicloud.controlplane.iam.policy.Statement;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.SmallBody;
import dev.minicloud.controlplane.s3.xml.Owner;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bucket policies (Get/Put/DeleteBucketPolicy, GetBucketPolicyStatus) and canned bucket ACLs
 * (PutBucketAcl with {@code x-amz-acl}, GetBucketAcl). Both are enforced by the policy engine in the
 * S3 dispatch's authorization step; here they are only validated and stored on the bucket.
 */
public final class BucketPolicyHandlers {

  private BucketPolicyHandlers() {}

  public static S3Handler get(BucketAccess access) {
    return call -> {
      BucketRecord bucket = access.readable(call);
      if (bucket.policy() == null) {
        throw new ApiException(S3ErrorCode.NO_SUCH_BUCKET_POLICY, "The bucket policy does not exist");
      }
      call.response().setStatusCode(200).putHeader("content-type", "application/json").end(bucket.policy());
    };
  }

  public static S3Handler put(BucketAccess access, BucketStore buckets) {
    return call -> {
      access.writable(call);
      call.guard(SmallBody.read(call, PolicyParser.MAX_DOCUMENT_CHARS).map(body -> {
        String text = body.toString(StandardCharsets.UTF_8);
        try {
          PolicyParser.parse(text, PolicyParser.Kind.RESOURCE);
        } catch (MalformedPolicyException e) {
          throw new ApiException(S3ErrorCode.MALFORMED_POLICY, e.getMessage());
        }
        buckets.update(call.bucket(), b -> b.withPolicy(text));
        call.empty(204);
        return null;
      }));
    };
  }

  public static S3Handler delete(BucketAccess access, BucketStore buckets) {
    return call -> {
      access.writable(call);
      buckets.update(call.bucket(), b -> b.withPolicy(null));
      call.empty(204);
    };
  }

  /** Public when the ACL is public-read or a statement allows everyone unconditionally. */
  public static S3Handler status(BucketAccess access) {
    return call -> {
      BucketRecord bucket = access.readable(call);
      if (bucket.policy() == null && !BucketRecord.PUBLIC_READ.equals(bucket.acl())) {
        throw new ApiException(S3ErrorCode.NO_SUCH_BUCKET_POLICY, "The bucket policy does not exist");
      }
      call.xml(200, SubresourceXmlWriter.policyStatus(isPublic(bucket)));
    };
  }

  static boolean isPublic(BucketRecord bucket) {
    if (BucketRecord.PUBLIC_READ.equals(bucket.acl())) {
      return true;
    }
    if (bucket.policy() == null) {
      return false;
    }
    PolicyDocument doc = PolicyParser.parse(bucket.policy(), PolicyParser.Kind.RESOURCE);
    for (Statement s : doc.statements()) {
      if (s.effect() == Effect.ALLOW && s.conditions().isEmpty() && !s.notPrincipal()
          && s.principal().arns().contains(PrincipalSpec.ANYONE)) {
        return true;
      }
    }
    return false;
  }

  /** PutBucketAcl: only the canned ACLs private and public-read, in the x-amz-acl header. */
  public static S3Handler putAcl(BucketAccess access, BucketStore buckets) {
    return call -> {
      access.writable(call);
      String acl = cannedAcl(call);
      if (acl == null) {
        throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED,
            "Only canned ACLs (x-amz-acl: private or public-read) are supported.");
      }
      buckets.update(call.bucket(), b -> b.withAcl(acl));
      call.empty(200);
    };
  }

  public static S3Handler getAcl(BucketAccess access) {
    return call -> {
      BucketRecord bucket = access.readable(call);
      Owner owner = new Owner(bucket.ownerAccountId(), bucket.ownerAccountId());
      call.xml(200, SubresourceXmlWriter.cannedAcl(owner, BucketRecord.PUBLIC_READ.equals(bucket.acl())));
    };
  }

  /** PutObjectAcl: the canned ACLs private and public-read, in the x-amz-acl header. */
  public static S3Handler putObjectAcl(BucketAccess access, ObjectIndex objects) {
    return call -> {
      access.writable(call);
      String acl = cannedAcl(call);
      if (acl == null) {
        throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED,
            "Only canned ACLs (x-amz-acl: private or public-read) are supported.");
      }
      if (objects.update(call.bucket(), call.key(), o -> o.withAcl(acl)).isEmpty()) {
        throw new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist.");
      }
      call.empty(200);
    };
  }

  public static S3Handler getObjectAcl(BucketAccess access, ObjectIndex objects) {
    return call -> {
      BucketRecord bucket = access.readable(call);
      ObjectRecord object = objects.get(call.bucket(), call.key())
          .orElseThrow(() -> new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist."));
      Owner owner = new Owner(bucket.ownerAccountId(), bucket.ownerAccountId());
      call.xml(200, SubresourceXmlWriter.cannedAcl(owner, BucketRecord.PUBLIC_READ.equals(object.acl())));
    };
  }

  /**
   * The request's canned ACL (x-amz-acl), null when absent: private, public-read, or
   * bucket-owner-full-control (= private); the others answer NotImplemented.
   */
  public static String cannedAcl(S3Call call) {
    String acl = call.header("x-amz-acl");
    if (acl == null) {
      return null;
    }
    String a = acl.trim().toLowerCase(Locale.ROOT);
    if (a.equals("bucket-owner-full-control")) {
      // What tools send to hand objects to the bucket owner; every object here belongs to the
      // bucket's owner (as with S3's BucketOwnerEnforced), so it means private.
      return BucketRecord.PRIVATE;
    }
    if (!a.equals(BucketRecord.PRIVATE) && !a.equals(BucketRecord.PUBLIC_READ)) {
      throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED, "The canned ACL " + acl + " is not supported.");
    }
    return a;
  }
}
