package dev.minicloud.controlplane.iam;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.iam.policy.AccessRequest;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.iam.policy.Decision;
import dev.minicloud.controlplane.iam.policy.Effect;
import dev.minicloud.controlplane.iam.policy.PrincipalSpec;
import dev.minicloud.controlplane.iam.policy.NamedPolicy;
import dev.minicloud.controlplane.iam.policy.PolicyDocument;
import dev.minicloud.controlplane.iam.policy.PolicyParser;
import dev.minicloud.controlplane.iam.policy.Statement;
import dev.minicloud.controlplane.identity.AccountRecord;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import dev.minicloud.controlplane.s3.S3Authorizer;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Operation;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.bucket.BucketRecord;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import dev.minicloud.controlplane.storage.object.CopySource;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The S3 dispatch's authorization step: turns the resolved operation, bucket and key into an IAM
 * action on an ARN ({@code arn:minicloud:s3:::bucket[/key]}), adds the bucket's owner, its policy
 * and its canned ACL (as policy statements), and asks the {@link Authorizer}. CopyObject and
 * UploadPartCopy are also authorized for {@code s3:GetObject} on their source.
 */
public final class S3Authorization implements S3Authorizer {

  /** Managing a bucket's access control belongs to its owner's account, whatever a policy says. */
  private static final Set<S3Operation> OWNER_ONLY = EnumSet.of(S3Operation.PUT_BUCKET_POLICY,
      S3Operation.GET_BUCKET_POLICY, S3Operation.DELETE_BUCKET_POLICY, S3Operation.PUT_BUCKET_ACL);

  private static final Set<S3Operation> LISTINGS = EnumSet.of(S3Operation.LIST_OBJECTS, S3Operation.LIST_OBJECTS_V2,
      S3Operation.LIST_OBJECT_VERSIONS);

  private static final String PUBLIC_READ_BUCKET = """
      {"Version":"2012-10-17","Statement":[{"Sid":"public-read ACL","Effect":"Allow","Principal":"*",
        "Action":["s3:ListBucket","s3:ListBucketVersions","s3:ListBucketMultipartUploads"],"Resource":"%s"}]}""";

  private static final Set<S3Operation> OBJECT_READS = EnumSet.of(S3Operation.GET_OBJECT, S3Operation.HEAD_OBJECT);

  private final BucketStore buckets;
  private final ObjectIndex objects;
  private final IdentityStore identity;
  private final Authorizer authorizer;

  public S3Authorization(BucketStore buckets, ObjectIndex objects, IdentityStore identity, Authorizer authorizer) {
    this.buckets = buckets;
    this.objects = objects;
    this.identity = identity;
    this.authorizer = authorizer;
  }

  @Override
  public void authorize(S3Call call) {
    S3Operation op = call.operation();
    Principal caller = call.principal();
    RequestContext rc = call.context();
    Lazy<Map<String, List<String>>> context = new Lazy<>(() -> {
      Map<String, List<String>> keys = authorizer.globalContext(call.routing(), caller);
      addS3Keys(call, keys);
      return keys;
    });

    String resource;
    Optional<BucketRecord> bucket = Optional.empty();
    if (op == S3Operation.LIST_BUCKETS) {
      resource = Arns.bucket("*");
    } else if (op == S3Operation.CREATE_BUCKET) {
      resource = Arns.bucket(call.bucket());
    } else {
      bucket = buckets.get(call.bucket());
      resource = call.key() == null ? Arns.bucket(call.bucket()) : Arns.object(call.bucket(), call.key());
    }
    String owner = bucket.map(BucketRecord::ownerAccountId).orElse(null);
    if (bucket.isPresent()) {
      refuseUnlessOwnerActive(rc, op.action(), resource, caller, owner);
      if (OWNER_ONLY.contains(op) && (caller == null || !caller.accountId().equals(owner))) {
        rc.authorized(op.action(), resource, Decision.IMPLICIT_DENY);
        throw new ApiException(S3ErrorCode.ACCESS_DENIED, "Access Denied");
      }
    }
    BucketRecord found = bucket.orElse(null);
    if (found != null) {
      // The handler finds the bucket here instead of reading it again (BucketAccess).
      call.routing().put(BucketAccess.RESOLVED, found);
    }
    NamedPolicy bucketPolicy = found == null ? null : resourcePolicy(found);
    if (op == S3Operation.DELETE_OBJECTS && found != null) {
      // Its keys are in the body: the handler asks allowsObject for each one (denied keys are
      // reported as AccessDenied in the result, as S3 does).
      rc.authorized(op.action(), resource, Decision.ALLOW);
    } else if (bucketPolicy == null && caller != null && caller.isAccountRoot()
        && (owner == null || owner.equals(caller.accountId()))) {
      // Fast path, the engine's own answer: an account's root user, in its own account, with no
      // resource policy that could deny, is allowed; no condition keys need computing.
      rc.authorized(op.action(), resource, Decision.ALLOW);
    } else {
      Supplier<NamedPolicy> objectAcl = found != null && OBJECT_READS.contains(op)
          ? () -> withObjectAcl(found, call.key(), bucketPolicy) : null;
      authorizer.authorize(rc, new AccessRequest(caller, op.action(), resource, owner, context.get()), bucketPolicy,
          objectAcl, S3ErrorCode.ACCESS_DENIED, true);
    }

    if ((op == S3Operation.COPY_OBJECT || op == S3Operation.UPLOAD_PART_COPY)
        && call.header("x-amz-copy-source") != null) {
      CopySource.Location source = CopySource.parse(call.header("x-amz-copy-source"));
      Optional<BucketRecord> sourceBucket = buckets.get(source.bucket());
      String sourceArn = Arns.object(source.bucket(), source.key());
      String sourceOwner = sourceBucket.map(BucketRecord::ownerAccountId).orElse(null);
      if (sourceBucket.isPresent()) {
        refuseUnlessOwnerActive(rc, "s3:GetObject", sourceArn, caller, sourceOwner);
      }
      authorizer.authorize(rc, new AccessRequest(caller, "s3:GetObject", sourceArn, sourceOwner, context.get()),
          sourceBucket.map(this::resourcePolicy).orElse(null), S3ErrorCode.ACCESS_DENIED, false);
    }
  }

  @Override
  public boolean allowsObject(S3Call call, String action, String key) {
    Principal caller = call.principal();
    BucketRecord bucket = call.routing().get(BucketAccess.RESOLVED);
    if (bucket == null || !bucket.name().equals(call.bucket())) {
      bucket = buckets.get(call.bucket()).orElse(null);
    }
    String owner = bucket == null ? null : bucket.ownerAccountId();
    NamedPolicy policy = bucket == null ? null : resourcePolicy(bucket);
    if (policy == null && caller != null && caller.isAccountRoot()
        && (owner == null || owner.equals(caller.accountId()))) {
      return true;
    }
    Map<String, List<String>> context = authorizer.globalContext(call.routing(), caller);
    addS3Keys(call, context);
    return authorizer.evaluate(new AccessRequest(caller, action, Arns.object(call.bucket(), key), owner, context),
        policy).decision().allowed();
  }

  /** A value computed once, on first use. */
  private static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private T value;

    Lazy(Supplier<T> compute) {
      this.compute = compute;
    }

    @Override
    public T get() {
      if (value == null) {
        value = compute.get();
      }
      return value;
    }
  }

  /** A bucket's owner and its resource policy (bucket policy plus ACL), for the simulator. */
  public record BucketAccessPolicy(String ownerAccountId, NamedPolicy policy) {}

  public Optional<BucketAccessPolicy> forBucket(String name) {
    return buckets.get(name).map(b -> new BucketAccessPolicy(b.ownerAccountId(), resourcePolicy(b)));
  }

  /** A suspended account's buckets answer nobody (its own keys are already refused at authentication). */
  private void refuseUnlessOwnerActive(RequestContext rc, String action, String resource, Principal caller,
      String owner) {
    if (caller != null && caller.accountId().equals(owner)) {
      return;
    }
    boolean active = identity.account(owner).map(a -> a.status() == AccountRecord.Status.ACTIVE).orElse(false);
    if (!active) {
      rc.authorized(action, resource, Decision.EXPLICIT_DENY);
      throw new ApiException(S3ErrorCode.ACCESS_DENIED, "Access Denied");
    }
  }

  /** The bucket policy plus the bucket's canned ACL expressed as statements, or null when neither. */
  private NamedPolicy resourcePolicy(BucketRecord bucket) {
    List<Statement> statements = new ArrayList<>();
    String version = PolicyDocument.VERSION;
    if (bucket.policy() != null) {
      Optional<PolicyDocument> doc = authorizer.storedDocument(bucket.policy(), PolicyParser.Kind.RESOURCE);
      if (doc.isPresent()) {
        statements.addAll(doc.get().statements());
        version = doc.get().version();
      }
    }
    if (BucketRecord.PUBLIC_READ.equals(bucket.acl())) {
      authorizer.storedDocument(PUBLIC_READ_BUCKET.formatted(Arns.bucket(bucket.name())), PolicyParser.Kind.RESOURCE)
          .ifPresent(d -> statements.addAll(d.statements()));
    }
    return statements.isEmpty() ? null : new NamedPolicy("bucket policy of " + bucket.name(),
        new PolicyDocument(version, statements));
  }

  /** The bucket's policy plus a public-read object ACL as a statement, or null when the object is not public. */
  private NamedPolicy withObjectAcl(BucketRecord bucket, String key, NamedPolicy bucketPolicy) {
    Optional<ObjectRecord> object = objects.get(bucket.name(), key);
    if (object.isEmpty() || !BucketRecord.PUBLIC_READ.equals(object.get().acl())) {
      return null;
    }
    List<Statement> statements = new ArrayList<>();
    String version = PolicyDocument.VERSION;
    if (bucketPolicy != null) {
      statements.addAll(bucketPolicy.document().statements());
      version = bucketPolicy.document().version();
    }
    // Built for this one request on this one object, so its resource is "*": the key itself may hold
    // '*' or '?', which a Resource pattern would read as wildcards.
    statements.add(new Statement("public-read object ACL", 0, Effect.ALLOW, new PrincipalSpec(List.of(PrincipalSpec.ANYONE)),
        false, List.of("s3:GetObject"), false, List.of("*"), false, List.of()));
    return new NamedPolicy("ACL of " + key, new PolicyDocument(version, statements));
  }

  private static void addS3Keys(S3Call call, Map<String, List<String>> context) {
    if (LISTINGS.contains(call.operation())) {
      for (String name : List.of("prefix", "delimiter", "max-keys")) {
        String value = call.s3().param(name);
        if (value != null) {
          context.put("s3:" + name, List.of(value));
        }
      }
    }
    for (String header : List.of("x-amz-acl", "x-amz-server-side-encryption", "x-amz-copy-source",
        "x-amz-metadata-directive", "x-amz-storage-class")) {
      String value = call.header(header);
      if (value != null) {
        context.put("s3:" + header, List.of(value));
      }
    }
  }
}
