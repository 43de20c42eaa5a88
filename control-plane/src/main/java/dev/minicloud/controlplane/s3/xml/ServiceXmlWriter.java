package dev.minicloud.controlplane.s3.xml;

/** Writes the body of ListBuckets: {@code ListAllMyBucketsResult}. */
public final class ServiceXmlWriter {

  private ServiceXmlWriter() {}

  /**
   * {@code <ListAllMyBucketsResult><Owner/><Buckets><Bucket><Name/><CreationDate/>[<BucketRegion/>]}
   * {@code </Bucket></Buckets>[<ContinuationToken/>][<Prefix/>]</ListAllMyBucketsResult>}.
   */
  public static String listAllMyBuckets(ListAllMyBucketsResult result) {
    XmlBuilder xml = XmlBuilder.document("ListAllMyBucketsResult");
    xml.owner("Owner", result.owner());
    xml.start("Buckets");
    for (ListAllMyBucketsResult.Bucket bucket : result.buckets()) {
      xml.start("Bucket")
          .element("Name", bucket.name())
          .element("CreationDate", bucket.creationDate())
          .optional("BucketRegion", bucket.region())
          .end();
    }
    xml.end();
    xml.optional("ContinuationToken", result.continuationToken());
    xml.optional("Prefix", result.prefix());
    return xml.finish();
  }
}
