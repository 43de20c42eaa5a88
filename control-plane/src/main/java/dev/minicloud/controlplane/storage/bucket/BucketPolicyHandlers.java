package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.policy.Effect;
import dev.minicloud.controlplane.iam.policy.MalformedPolicyException;
import dev.minicloud.controlplane.iam.policy.PolicyDocument;
import dev.minicloud.controlplane.iam.policy.PolicyParser;
import dev.minicloud.controlplane.iam.policy.PrincipalSpec;
import dev.minicloud.controlplane.iam.policy.Statement;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Documents;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.SmallBody;
import dev.minicloud.controlplane.s3.xml.AccessControlPolicy;
import dev.minicloud.controlplane.s3.xml.Owner;
import dev.minicloud.controlplane.s3.xml.S3RequestXmlParser;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bucket policies (Get/Put/DeleteBucketPolicy, GetBucketPolicyStatus) and canned ACLs of buckets
 * and objects (Put/GetBucketAcl, Put/GetObjectAcl; private and public-read). Both are enforced by
 * the policy engine in the S3 dispatch's authorization step; here they are only validated and
 * stored.
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

  /**
   * PutBucketAcl: the canned ACLs private and public-read, in the x-amz-acl header or as an
   * AccessControlPolicy body that grants the same ({@link #requestedAcl}).
   */
  public static S3Handler putAcl(BucketAccess access, BucketStore buckets) {
    return call -> {
      BucketRecord bucket = access.writable(call);
      call.guard(requestedAcl(call, bucket.ownerAccountId()).map(acl -> {
        buckets.update(call.bucket(), b -> b.withAcl(acl));
        call.empty(200);
        return null;
      }));
    };
  }

  public static S3Handler getAcl(BucketAccess access) {
    return call -> {
      BucketRecord bucket = access.readable(call);
      Owner owner = new Owner(bucket.ownerAccountId(), bucket.ownerAccountId());
      call.xml(200, SubresourceXmlWriter.cannedAcl(owner, BucketRecord.PUBLIC_READ.equals(bucket.acl())));
    };
  }

  /**
   * PutObjectAcl: the canned ACLs private and public-read, in the x-amz-acl header or as an
   * AccessControlPolicy body that grants the same ({@link #requestedAcl}). The object index's
   * update waits for its synced commit, so it runs off the event loop.
   */
  public static S3Handler putObjectAcl(BucketAccess access, ObjectIndex objects, Vertx vertx) {
    return call -> {
      BucketRecord bucket = access.writable(call);
      call.guard(requestedAcl(call, bucket.ownerAccountId())
          .compose(acl -> vertx.executeBlocking(() -> objects.update(call.bucket(), call.key(), o -> o.withAcl(acl)),
              false))
          .map(updated -> {
            if (updated.isEmpty()) {
              throw new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist.");
            }
            call.empty(200);
            return null;
          }));
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
   * The ACL a PutBucketAcl or PutObjectAcl asks for: its x-amz-acl header ({@link #cannedAcl}), else
   * its AccessControlPolicy body, which must grant what a canned ACL grants: anything to the owner
   * (who has full control here whatever the document says), and at most READ to everyone (S3's
   * AllUsers group, which makes it public-read). Other grants answer NotImplemented and change
   * nothing, like the canned ACLs not supported.
   */
  static Future<String> requestedAcl(S3Call call, String ownerId) {
    String canned = cannedAcl(call);
    if (canned != null) {
      return Future.succeededFuture(canned);
    }
    return S3Documents.read(call, S3RequestXmlParser::parseAccessControlPolicy).map(policy -> {
      boolean publicRead = false;
      for (AccessControlPolicy.Grant grant : policy.grants()) {
        if (grant.type() == AccessControlPolicy.GranteeType.CANONICAL_USER && grant.grantee().equals(ownerId)) {
          continue;
        }
        if (grant.type() == AccessControlPolicy.GranteeType.GROUP
            && grant.grantee().equals(AccessControlPolicy.ALL_USERS) && grant.permission().equals("READ")) {
          publicRead = true;
          continue;
        }
        throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED, "Only ACLs that grant what the canned ACLs private"
            + " and public-read grant are supported; this one grants " + grant.permission() + " to " + grant.grantee()
            + ".");
      }
      return publicRead ? BucketRecord.PUBLIC_READ : BucketRecord.PRIVATE;
    });
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
