package dev.minicloud.controlplane.s3.xml;

/** Writes the bodies of object operations: CopyObject, DeleteObjects and GetObjectAttributes. */
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

  /**
   * {@code <GetObjectAttributesResponse>[<ETag/>][<Checksum>..<ChecksumType/></Checksum>]}
   * {@code [<ObjectParts><PartsCount/><PartNumberMarker/><NextPartNumberMarker/><MaxParts/>}
   * {@code <IsTruncated/>(<Part><PartNumber/><Size/></Part>)*</ObjectParts>][<StorageClass/>][<ObjectSize/>]}
   * {@code </GetObjectAttributesResponse>}: the attributes asked for; the ETag without its quotes,
   * as S3 writes it here.
   */
  public static String objectAttributes(ObjectAttributes a) {
    XmlBuilder xml = XmlBuilder.document("GetObjectAttributesResponse");
    a.etag().ifPresent(etag -> xml.element("ETag", S3Xml.unquoteEtag(etag)));
    a.checksums().ifPresent(checksums -> {
      xml.start("Checksum").checksums(checksums);
      a.checksumType().ifPresent(type -> xml.element("ChecksumType", type.name()));
      xml.end();
    });
    a.parts().ifPresent(parts -> {
      xml.start("ObjectParts").element("PartsCount", parts.totalCount())
          .element("PartNumberMarker", parts.marker()).element("NextPartNumberMarker", parts.nextMarker())
          .element("MaxParts", parts.maxParts()).element("IsTruncated", parts.truncated());
      for (ObjectAttributes.Part part : parts.parts()) {
        xml.start("Part").element("PartNumber", part.number()).element("Size", part.size()).end();
      }
      xml.end();
    });
    a.storageClass().ifPresent(storageClass -> xml.element("StorageClass", storageClass));
    a.size().ifPresent(size -> xml.element("ObjectSize", size));
    return xml.finish();
  }
}
