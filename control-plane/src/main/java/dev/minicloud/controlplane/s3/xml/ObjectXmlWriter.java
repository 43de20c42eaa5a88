package dev.minicloud.controlplane.s3.xml;

/** Writes the bodies of object operations: CopyObject and DeleteObjects. */
public final class ObjectXmlWriter {

  private ObjectXmlWriter() {}

  /**
   * {@code <CopyObjectResult><LastModified/><ETag/>[<ChecksumType/>][<ChecksumCRC32/>..]}
   * {@code </CopyObjectResult>}.
   */
  public static String copyObject(CopyResult result) {
    XmlBuilder xml = XmlBuilder.document("CopyObjectResult")
        .element("LastModified", result.lastModified())
        .element("ETag", S3Xml.quoteEtag(result.etag()));
    result.checksumType().ifPresent(type -> xml.element("ChecksumType", type.name()));
    return xml.checksums(result.checksums()).finish();
  }

  /**
   * {@code <DeleteResult>(<Deleted><Key/>[<VersionId/>][<DeleteMarker/>][<DeleteMarkerVersionId/>]}
   * {@code </Deleted>)*(<Error><Key/>[<VersionId/>]<Code/><Message/></Error>)*</DeleteResult>};
   * quiet mode writes the errors only.
   */
  public static String deleteResult(DeleteResult result) {
    XmlBuilder xml = XmlBuilder.document("DeleteResult");
    if (!result.quiet()) {
      for (DeleteResult.Deleted deleted : result.deleted()) {
        xml.start("Deleted").element("Key", deleted.key()).optional("VersionId", deleted.versionId());
        if (deleted.deleteMarker()) {
          xml.element("DeleteMarker", true);
        }
        xml.optional("DeleteMarkerVersionId", deleted.deleteMarkerVersionId()).end();
      }
    }
    for (DeleteResult.Failure error : result.errors()) {
      xml.start("Error")
          .element("Key", error.key())
          .optional("VersionId", error.versionId())
          .element("Code", error.code())
          .element("Message", error.message())
          .end();
    }
    return xml.finish();
  }
}
