package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.ListAllMyBucketsResult;
import dev.minicloud.controlplane.s3.xml.Owner;
import dev.minicloud.controlplane.s3.xml.ServiceXmlWriter;
import java.util.Optional;

/** ListBuckets: the caller's account's buckets, in name order. */
public final class ListBucketsHandler implements S3Handler {

  private final BucketStore buckets;

  public ListBucketsHandler(BucketStore buckets) {
    this.buckets = buckets;
  }

  @Override
  public void handle(S3Call call) {
    String account = call.principal().accountId();
    var owned = buckets.ownedBy(account).stream()
        .map(b -> new ListAllMyBucketsResult.Bucket(b.name(), b.createdAt(), Optional.of(b.region())))
        .toList();
    call.xml(200, ServiceXmlWriter.listAllMyBuckets(new ListAllMyBucketsResult(
        new Owner(account, account), owned, Optional.empty(), Optional.empty())));
  }
}
