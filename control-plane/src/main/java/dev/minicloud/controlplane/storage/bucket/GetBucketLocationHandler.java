package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.xml.XmlText;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.S3Xml;

/** GetBucketLocation: empty for us-east-1, as S3 answers, else the region. */
public final class GetBucketLocationHandler implements S3Handler {

  private final BucketAccess access;

  public GetBucketLocationHandler(BucketAccess access) {
    this.access = access;
  }

  @Override
  public void handle(S3Call call) {
    String region = access.readable(call).region();
    String body = "us-east-1".equals(region)
        ? "<LocationConstraint xmlns=\"" + S3Xml.NAMESPACE + "\"/>"
        : "<LocationConstraint xmlns=\"" + S3Xml.NAMESPACE + "\">" + XmlText.escape(region) + "</LocationConstraint>";
    call.xml(200, S3Xml.XML_DECLARATION + body);
  }
}
