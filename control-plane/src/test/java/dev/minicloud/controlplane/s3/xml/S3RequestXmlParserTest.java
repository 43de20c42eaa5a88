package dev.minicloud.controlplane.s3.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Tagging;

class S3RequestXmlParserTest {

  private static final int LIMIT = 1 << 20;
  private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

  private final SdkS3Oracle oracle = new SdkS3Oracle();

  private static InputStream body(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream body(byte[] xml) {
    return new ByteArrayInputStream(xml);
  }

  private static S3XmlException.Code failure(Runnable parse) {
    return assertThrows(S3XmlException.class, parse::run).code();
  }

  private static String deleteOf(int objects) {
    return "<Delete>" + IntStream.range(0, objects).mapToObj(i -> "<Object><Key>k" + i + "</Key></Object>")
        .collect(Collectors.joining()) + "</Delete>";
  }

  private static String taggingOf(int tags) {
    return "<Tagging><TagSet>" + IntStream.range(0, tags)
        .mapToObj(i -> "<Tag><Key>k" + i + "</Key><Value>v</Value></Tag>").collect(Collectors.joining())
        + "</TagSet></Tagging>";
  }

  @Nested
  class WhatTheSdkSends {

    @Test
    void createBucketConfiguration() {
      oracle.respond("").s3().createBucket(b -> b.bucket("bucket")
          .createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
      CreateBucketConfiguration config =
          S3RequestXmlParser.parseCreateBucketConfiguration(body(oracle.lastRequestBody()), LIMIT);
      assertEquals(Optional.of("eu-west-1"), config.locationConstraint());
    }

    @Test
    void completeMultipartUpload() {
      oracle.respond(MultipartXmlWriter.completeMultipartUpload(
          new CompleteMultipartUploadResult("http://h/b/k", "b", "k", "e-2"))).s3()
          .completeMultipartUpload(b -> b.bucket("b").key("k").uploadId("u").multipartUpload(m -> m.parts(
              CompletedPart.builder().partNumber(1).eTag("\"a54357aff0632cce46d942af68356b38\"")
                  .checksumSHA256("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=").build(),
              CompletedPart.builder().partNumber(3).eTag("0c78aef83f66abc1fa1e8477f296d394").build())));
      CompleteMultipartUploadRequest request =
          S3RequestXmlParser.parseCompleteMultipartUpload(body(oracle.lastRequestBody()), LIMIT);
      assertEquals(List.of(
          new CompleteMultipartUploadRequest.Part(1, "a54357aff0632cce46d942af68356b38",
              Map.of(ChecksumAlgorithm.SHA256, "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=")),
          new CompleteMultipartUploadRequest.Part(3, "0c78aef83f66abc1fa1e8477f296d394", Map.of())),
          request.parts());
    }

    @Test
    void deleteObjectsWithAwkwardKeys() {
      List<String> keys = List.of("a&b<c>d\"e'f", " spaced \n key\r", "ünïcødé/🎉", "]]>", "tab\tkey");
      oracle.respond(ObjectXmlWriter.deleteResult(new DeleteResult(List.of(), List.of(), true))).s3()
          .deleteObjects(b -> b.bucket("b").delete(d -> d.quiet(true).objects(Stream.concat(
              keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()),
              Stream.of(ObjectIdentifier.builder().key("versioned").versionId("3/L4kqtJl40Nr8X8gdRQBpUMLUo").build()))
              .toList())));
      DeleteObjectsRequest request = S3RequestXmlParser.parseDelete(body(oracle.lastRequestBody()), LIMIT);
      assertTrue(request.quiet());
      assertEquals(keys.size() + 1, request.objects().size());
      assertEquals(keys, request.objects().subList(0, keys.size()).stream()
          .map(DeleteObjectsRequest.ObjectIdentifier::key).toList());
      assertEquals(new DeleteObjectsRequest.ObjectIdentifier("versioned", Optional.of("3/L4kqtJl40Nr8X8gdRQBpUMLUo")),
          request.objects().get(keys.size()));
    }

    @Test
    void objectAndBucketTagging() {
      Tagging tagging = Tagging.builder().tagSet(
          software.amazon.awssdk.services.s3.model.Tag.builder().key("a&b <c>").value("ü\"v'").build(),
          software.amazon.awssdk.services.s3.model.Tag.builder().key("empty").value("").build()).build();
      oracle.respond("").s3().putObjectTagging(b -> b.bucket("b").key("k").tagging(tagging));
      assertEquals(List.of(new Tag("a&b <c>", "ü\"v'"), new Tag("empty", "")),
          S3RequestXmlParser.parseTagging(body(oracle.lastRequestBody()), LIMIT, TagScope.OBJECT));

      oracle.s3().putBucketTagging(b -> b.bucket("b").tagging(tagging));
      assertEquals(2, S3RequestXmlParser.parseTagging(body(oracle.lastRequestBody()), LIMIT, TagScope.BUCKET).size());
    }
  }

  @Nested
  class DocumentationExamples {

    @Test
    void createBucketConfigurationWithAndWithoutNamespaceAndEmpty() {
      assertEquals(Optional.of("Europe"), S3RequestXmlParser.parseCreateBucketConfiguration(body(
          "<CreateBucketConfiguration" + NS + ">\n  <LocationConstraint>Europe</LocationConstraint>\n"
              + "</CreateBucketConfiguration>"), LIMIT).locationConstraint());
      assertEquals(Optional.of("eu-west-1"), S3RequestXmlParser.parseCreateBucketConfiguration(body(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateBucketConfiguration><LocationConstraint> eu-west-1 "
              + "</LocationConstraint></CreateBucketConfiguration>"), LIMIT).locationConstraint());
      assertEquals(Optional.empty(), S3RequestXmlParser.parseCreateBucketConfiguration(body(""), LIMIT)
          .locationConstraint());
      assertEquals(Optional.empty(), S3RequestXmlParser.parseCreateBucketConfiguration(body(
          "<CreateBucketConfiguration" + NS + "><LocationConstraint/></CreateBucketConfiguration>"), LIMIT)
          .locationConstraint());
    }

    @Test
    void completeMultipartUploadWithoutNamespace() {
      String xml = """
          <CompleteMultipartUpload>
            <Part>
              <PartNumber>1</PartNumber>
              <ETag>"a54357aff0632cce46d942af68356b38"</ETag>
            </Part>
            <Part>
              <PartNumber>2</PartNumber>
              <ETag>"0c78aef83f66abc1fa1e8477f296d394"</ETag>
            </Part>
            <Part>
              <PartNumber>3</PartNumber>
              <ETag>&quot;acbd18db4cc2f85cedef654fccc4a4d8&quot;</ETag>
              <ChecksumCRC32>AAAAAA==</ChecksumCRC32>
            </Part>
          </CompleteMultipartUpload>""";
      List<CompleteMultipartUploadRequest.Part> parts =
          S3RequestXmlParser.parseCompleteMultipartUpload(body(xml), LIMIT).parts();
      assertEquals(List.of(1, 2, 3), parts.stream().map(CompleteMultipartUploadRequest.Part::partNumber).toList());
      assertEquals("a54357aff0632cce46d942af68356b38", parts.get(0).etag());
      assertEquals("acbd18db4cc2f85cedef654fccc4a4d8", parts.get(2).etag());
      assertEquals(Map.of(ChecksumAlgorithm.CRC32, "AAAAAA=="), parts.get(2).checksums());
    }

    @Test
    void deleteWithAndWithoutQuiet() {
      DeleteObjectsRequest plain = S3RequestXmlParser.parseDelete(body("""
          <Delete>
            <Object>
              <Key>sample1.txt</Key>
            </Object>
            <Object>
              <Key>sample2.txt</Key>
            </Object>
          </Delete>"""), LIMIT);
      assertFalse(plain.quiet());
      assertEquals(List.of(new DeleteObjectsRequest.ObjectIdentifier("sample1.txt", Optional.empty()),
          new DeleteObjectsRequest.ObjectIdentifier("sample2.txt", Optional.empty())), plain.objects());

      DeleteObjectsRequest quiet = S3RequestXmlParser.parseDelete(body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
          + "<Delete" + NS + "><Quiet>true</Quiet><Object><Key>HappyFace.jpg</Key>"
          + "<VersionId>2LWg7lQLnY41.maGB5Z6SWW.dcq0vx7b</VersionId></Object></Delete>"), LIMIT);
      assertTrue(quiet.quiet());
      assertEquals(Optional.of("2LWg7lQLnY41.maGB5Z6SWW.dcq0vx7b"), quiet.objects().get(0).versionId());
    }

    @Test
    void taggingWithoutNamespaceAndEmptyTagSet() {
      assertEquals(List.of(new Tag("tag1", "val1"), new Tag("tag2", "val2")), S3RequestXmlParser.parseTagging(body("""
          <Tagging>
            <TagSet>
              <Tag><Key>tag1</Key><Value>val1</Value></Tag>
              <Tag><Key>tag2</Key><Value>val2</Value></Tag>
            </TagSet>
          </Tagging>"""), LIMIT, TagScope.OBJECT));
      assertEquals(List.of(), S3RequestXmlParser.parseTagging(body("<Tagging" + NS + "><TagSet/></Tagging>"), LIMIT,
          TagScope.BUCKET));
    }

    @Test
    void keysKeepTheirWhitespaceAndEscapedCharacters() {
      DeleteObjectsRequest request = S3RequestXmlParser.parseDelete(body(
          "<Delete><Object><Key>  a&#13;b\n</Key></Object><Object><Key><![CDATA[<x>&]]></Key></Object>"
              + "<Object><Key></Key></Object></Delete>"), LIMIT);
      assertEquals(List.of("  a\rb\n", "<x>&", ""),
          request.objects().stream().map(DeleteObjectsRequest.ObjectIdentifier::key).toList());
    }
  }

  @Nested
  class Security {

    @Test
    void externalEntityIsRejectedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
      Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
      String xml = "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
          + "<Delete><Object><Key>&xxe;</Key></Object></Delete>";
      S3XmlException e = assertThrows(S3XmlException.class, () -> S3RequestXmlParser.parseDelete(body(xml), LIMIT));
      assertEquals(S3XmlException.Code.MALFORMED_XML, e.code());
      assertFalse(String.valueOf(e.getMessage()).contains("TOP-SECRET"));
    }

    @Test
    void internalEntitiesAndBillionLaughsAreRejected() {
      String laughs = "<?xml version=\"1.0\"?><!DOCTYPE Tagging [<!ENTITY a \"lol\">"
          + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
          + "<Tagging><TagSet><Tag><Key>k</Key><Value>&c;</Value></Tag></TagSet></Tagging>";
      assertEquals(S3XmlException.Code.MALFORMED_XML,
          failure(() -> S3RequestXmlParser.parseTagging(body(laughs), LIMIT, TagScope.OBJECT)));
    }

    @Test
    void anyDoctypeIsRejectedAndNothingIsFetched() {
      String external = "<?xml version=\"1.0\"?><!DOCTYPE CompleteMultipartUpload SYSTEM \"http://127.0.0.1:9/x.dtd\">"
          + "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>";
      S3XmlException.Code code = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> failure(() -> S3RequestXmlParser.parseCompleteMultipartUpload(body(external), LIMIT)));
      assertEquals(S3XmlException.Code.MALFORMED_XML, code);
      assertEquals(S3XmlException.Code.MALFORMED_XML, failure(() -> S3RequestXmlParser.parseCreateBucketConfiguration(
          body("<!DOCTYPE CreateBucketConfiguration><CreateBucketConfiguration/>"), LIMIT)));
    }

    @Test
    void bodiesOverTheCallersLimitAreRejected() {
      String xml = deleteOf(3);
      int size = xml.getBytes(StandardCharsets.UTF_8).length;
      assertEquals(3, S3RequestXmlParser.parseDelete(body(xml), size).objects().size());
      assertEquals(S3XmlException.Code.MAX_MESSAGE_LENGTH_EXCEEDED,
          failure(() -> S3RequestXmlParser.parseDelete(body(xml), size - 1)));
      assertEquals(S3XmlException.Code.MAX_MESSAGE_LENGTH_EXCEEDED,
          failure(() -> S3RequestXmlParser.parseCreateBucketConfiguration(body("  "), 1)));
    }

    @Test
    void deepNestingIsRejected() {
      String deep = "<Delete>" + "<Object>".repeat(40) + "</Object>".repeat(40) + "</Delete>";
      assertEquals(S3XmlException.Code.MALFORMED_XML, failure(() -> S3RequestXmlParser.parseDelete(body(deep), LIMIT)));
    }
  }

  @Nested
  class Delete {

    @Test
    void thousandObjectsAreAcceptedAndMoreRejected() {
      assertEquals(1000, S3RequestXmlParser.parseDelete(body(deleteOf(1000)), LIMIT).objects().size());
      assertEquals(S3XmlException.Code.MALFORMED_XML,
          failure(() -> S3RequestXmlParser.parseDelete(body(deleteOf(1001)), LIMIT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "<Delete></Delete>",
        "<Delete><Quiet>true</Quiet></Delete>",
        "<Delete><Object><Key>a</Key></Object>",
        "<Delete><Object><Key>a</Key></Object></Delete><Delete/>",
        "<Delete><Object><Key>a</Key></Object></Delete>trailing",
        "<Delete><Object><Key>a</Key><Key>b</Key></Object></Delete>",
        "<Delete><Object><VersionId>v</VersionId></Object></Delete>",
        "<Delete><Object><key>a</key></Object></Delete>",
        "<Delete><Object><Key>a</Key><Extra/></Object></Delete>",
        "<Delete><Quiet>yes</Quiet><Object><Key>a</Key></Object></Delete>",
        "<Delete><Quiet>true</Quiet><Quiet>true</Quiet><Object><Key>a</Key></Object></Delete>",
        "<Delete><Object><Key>a<b/></Key></Object></Delete>",
        "<Delete>text<Object><Key>a</Key></Object></Delete>",
        "<Delete xmlns=\"http://example.com/\"><Object><Key>a</Key></Object></Delete>",
        "<Objects><Object><Key>a</Key></Object></Objects>",
        "<Delete><Object><Key>a&#1;</Key></Object></Delete>",
        "<Delete><Object><Key>a&nbsp;</Key></Object></Delete>",
        "not xml at all"})
    void malformedDocumentsAreMalformedXml(String xml) {
      assertEquals(S3XmlException.Code.MALFORMED_XML, failure(() -> S3RequestXmlParser.parseDelete(body(xml), LIMIT)));
    }

    @Test
    void quietIsCaseInsensitiveAndDefaultsToFalse() {
      assertTrue(S3RequestXmlParser.parseDelete(body(
          "<Delete><Quiet> True </Quiet><Object><Key>a</Key></Object></Delete>"), LIMIT).quiet());
      assertFalse(S3RequestXmlParser.parseDelete(body(
          "<Delete><Quiet>false</Quiet><Object><Key>a</Key></Object></Delete>"), LIMIT).quiet());
    }
  }

  @Nested
  class CompleteMultipartUpload {

    private S3XmlException.Code parse(String parts) {
      return failure(() -> S3RequestXmlParser.parseCompleteMultipartUpload(
          body("<CompleteMultipartUpload" + NS + ">" + parts + "</CompleteMultipartUpload>"), LIMIT));
    }

    private String part(String number) {
      return "<Part><PartNumber>" + number + "</PartNumber><ETag>e</ETag></Part>";
    }

    @Test
    void partsMustBeAscendingWithoutRepeats() {
      assertEquals(S3XmlException.Code.INVALID_PART_ORDER, parse(part("2") + part("1")));
      assertEquals(S3XmlException.Code.INVALID_PART_ORDER, parse(part("1") + part("1")));
    }

    @Test
    void partNumbersOutsideS3sRangeAreInvalidArguments() {
      assertEquals(S3XmlException.Code.INVALID_ARGUMENT, parse(part("0")));
      assertEquals(S3XmlException.Code.INVALID_ARGUMENT, parse(part("10001")));
      assertEquals(10000, S3RequestXmlParser.parseCompleteMultipartUpload(body(
          "<CompleteMultipartUpload>" + part("10000") + "</CompleteMultipartUpload>"), LIMIT).parts().get(0).partNumber());
    }

    @Test
    void malformedPartsAreMalformedXml() {
      assertEquals(S3XmlException.Code.MALFORMED_XML, parse(""));
      assertEquals(S3XmlException.Code.MALFORMED_XML, parse(part("one")));
      assertEquals(S3XmlException.Code.MALFORMED_XML, parse(part("99999999999")));
      assertEquals(S3XmlException.Code.MALFORMED_XML, parse("<Part><PartNumber>1</PartNumber></Part>"));
      assertEquals(S3XmlException.Code.MALFORMED_XML, parse("<Part><ETag>e</ETag></Part>"));
      assertEquals(S3XmlException.Code.MALFORMED_XML,
          parse("<Part><PartNumber>1</PartNumber><ETag>e</ETag><ChecksumFOO>x</ChecksumFOO></Part>"));
      assertEquals(S3XmlException.Code.MALFORMED_XML,
          parse("<Part><PartNumber>1</PartNumber><ETag>e</ETag><ETag>f</ETag></Part>"));
      assertEquals(S3XmlException.Code.MALFORMED_XML, parse("<Parts/>"));
      assertEquals(S3XmlException.Code.MALFORMED_XML, failure(() -> S3RequestXmlParser.parseCompleteMultipartUpload(
          body("<Delete><Object><Key>a</Key></Object></Delete>"), LIMIT)));
    }
  }

  @Nested
  class TagRules {

    private S3XmlException.Code parse(String xml, TagScope scope) {
      return failure(() -> S3RequestXmlParser.parseTagging(body(xml), LIMIT, scope));
    }

    private String oneTag(String key, String value) {
      return "<Tagging><TagSet><Tag><Key>" + key + "</Key><Value>" + value + "</Value></Tag></TagSet></Tagging>";
    }

    @Test
    void tagCountsAreLimitedPerScope() {
      assertEquals(10, S3RequestXmlParser.parseTagging(body(taggingOf(10)), LIMIT, TagScope.OBJECT).size());
      assertEquals(S3XmlException.Code.INVALID_TAG, parse(taggingOf(11), TagScope.OBJECT));
      assertEquals(50, S3RequestXmlParser.parseTagging(body(taggingOf(50)), LIMIT, TagScope.BUCKET).size());
      assertEquals(S3XmlException.Code.INVALID_TAG, parse(taggingOf(51), TagScope.BUCKET));
    }

    @Test
    void keyAndValueLengthsAreCountedInCharacters() {
      String emoji = "🎉";
      Function<Integer, List<Tag>> ok = n -> S3RequestXmlParser.parseTagging(
          body(oneTag(emoji.repeat(n), emoji.repeat(2 * n))), LIMIT, TagScope.OBJECT);
      assertEquals(1, ok.apply(128).size());
      assertEquals(S3XmlException.Code.INVALID_TAG, parse(oneTag("k".repeat(129), "v"), TagScope.OBJECT));
      assertEquals(S3XmlException.Code.INVALID_TAG, parse(oneTag("k", "v".repeat(257)), TagScope.OBJECT));
      assertEquals(1, S3RequestXmlParser.parseTagging(body(oneTag("k", "v".repeat(256))), LIMIT, TagScope.BUCKET).size());
    }

    @Test
    void duplicateReservedAndEmptyKeysAreInvalidTags() {
      assertEquals(S3XmlException.Code.INVALID_TAG, parse("<Tagging><TagSet><Tag><Key>k</Key><Value>1</Value></Tag>"
          + "<Tag><Key>k</Key><Value>2</Value></Tag></TagSet></Tagging>", TagScope.OBJECT));
      assertEquals(S3XmlException.Code.INVALID_TAG, parse(oneTag("aws:cloudformation:stack", "v"), TagScope.BUCKET));
      assertEquals(S3XmlException.Code.INVALID_TAG, parse(oneTag("", "v"), TagScope.OBJECT));
    }

    @Test
    void malformedTaggingIsMalformedXml() {
      assertEquals(S3XmlException.Code.MALFORMED_XML, parse("<Tagging/>", TagScope.OBJECT));
      assertEquals(S3XmlException.Code.MALFORMED_XML, parse("<Tagging><TagSet/><TagSet/></Tagging>", TagScope.OBJECT));
      assertEquals(S3XmlException.Code.MALFORMED_XML,
          parse("<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>", TagScope.OBJECT));
      assertEquals(S3XmlException.Code.MALFORMED_XML,
          parse("<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value><Value>w</Value></Tag></TagSet></Tagging>",
              TagScope.OBJECT));
      assertEquals(S3XmlException.Code.MALFORMED_XML,
          parse("<Tagging><TagSet><Tags><Key>k</Key><Value>v</Value></Tags></TagSet></Tagging>", TagScope.OBJECT));
      assertEquals(S3XmlException.Code.MALFORMED_XML, parse("<TagSet/>", TagScope.OBJECT));
    }
  }

  @Test
  void createBucketConfigurationRejectsUnknownElementsAndRepeats() {
    assertEquals(S3XmlException.Code.MALFORMED_XML, failure(() -> S3RequestXmlParser.parseCreateBucketConfiguration(
        body("<CreateBucketConfiguration><Location>x</Location></CreateBucketConfiguration>"), LIMIT)));
    assertEquals(S3XmlException.Code.MALFORMED_XML, failure(() -> S3RequestXmlParser.parseCreateBucketConfiguration(
        body("<CreateBucketConfiguration><LocationConstraint>a</LocationConstraint>"
            + "<LocationConstraint>b</LocationConstraint></CreateBucketConfiguration>"), LIMIT)));
    assertEquals(S3XmlException.Code.MALFORMED_XML, failure(() -> S3RequestXmlParser.parseCreateBucketConfiguration(
        body("<CreateBucketConfiguration><LocationConstraint>a</CreateBucketConfiguration>"), LIMIT)));
  }

  @Test
  void errorCodesAreS3s() {
    assertEquals("MalformedXML", S3XmlException.Code.MALFORMED_XML.s3Code());
    assertEquals("InvalidTag", S3XmlException.Code.INVALID_TAG.s3Code());
    assertEquals("InvalidArgument", S3XmlException.Code.INVALID_ARGUMENT.s3Code());
    assertEquals("InvalidPartOrder", S3XmlException.Code.INVALID_PART_ORDER.s3Code());
    assertEquals("MaxMessageLengthExceeded", S3XmlException.Code.MAX_MESSAGE_LENGTH_EXCEEDED.s3Code());
  }

  @Nested
  class AccessControlPolicies {

    private static final String XSI = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    /** What s3cmd's setacl sends: the ACL it read, with a grant added or removed. */
    @Test
    void s3cmdStyleDocumentWithOwnerAndGroupGrant() {
      AccessControlPolicy policy = S3RequestXmlParser.parseAccessControlPolicy(body("<?xml version=\"1.0\"?>"
          + "<AccessControlPolicy" + NS + XSI + "><Owner><ID>111122223333</ID><DisplayName>o</DisplayName></Owner>"
          + "<AccessControlList>"
          + "<Grant><Grantee xsi:type=\"CanonicalUser\"><ID>111122223333</ID><DisplayName>o</DisplayName></Grantee>"
          + "<Permission>FULL_CONTROL</Permission></Grant>"
          + "<Grant><Grantee xsi:type=\"Group\"><URI>" + AccessControlPolicy.ALL_USERS + "</URI></Grantee>"
          + "<Permission>READ</Permission></Grant>"
          + "<Grant><Grantee xsi:type=\"AmazonCustomerByEmail\"><EmailAddress>a@b.c</EmailAddress></Grantee>"
          + "<Permission>WRITE_ACP</Permission></Grant>"
          + "</AccessControlList></AccessControlPolicy>"), LIMIT);
      assertEquals(List.of(
          new AccessControlPolicy.Grant(AccessControlPolicy.GranteeType.CANONICAL_USER, "111122223333", "FULL_CONTROL"),
          new AccessControlPolicy.Grant(AccessControlPolicy.GranteeType.GROUP, AccessControlPolicy.ALL_USERS, "READ"),
          new AccessControlPolicy.Grant(AccessControlPolicy.GranteeType.EMAIL, "a@b.c", "WRITE_ACP")),
          policy.grants());
    }

    @Test
    void emptyAccessControlListWithoutNamespaceOrOwner() {
      assertEquals(List.of(), S3RequestXmlParser.parseAccessControlPolicy(
          body("<AccessControlPolicy><AccessControlList/></AccessControlPolicy>"), LIMIT).grants());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<AccessControlPolicy/>",
        "<AccessControlPolicy><AccessControlList/><AccessControlList/></AccessControlPolicy>",
        "<AccessControlPolicy><AccessControlList><Grant><Permission>READ</Permission></Grant></AccessControlList>"
            + "</AccessControlPolicy>",
        "<AccessControlPolicy><AccessControlList><Grant><Grantee><ID>1</ID></Grantee><Permission>ALL</Permission>"
            + "</Grant></AccessControlList></AccessControlPolicy>",
        "<AccessControlPolicy><AccessControlList><Grant><Grantee><ID>1</ID><URI>u</URI></Grantee>"
            + "<Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>",
        "<AccessControlPolicy><AccessControlList><Grant><Grantee><DisplayName>x</DisplayName></Grantee>"
            + "<Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>",
        "<AccessControlPolicy><AccessControlList><Grant><Grantee><ID> </ID></Grantee>"
            + "<Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>",
        "<AccessControlPolicy><AccessControlList><Rule/></AccessControlList></AccessControlPolicy>",
        "<AccessControlPolicy><AccessControlList>",
        "<!DOCTYPE AccessControlPolicy><AccessControlPolicy><AccessControlList/></AccessControlPolicy>",
        "<Tagging><TagSet/></Tagging>"})
    void anythingElseIsMalformedAcl(String xml) {
      assertEquals(S3XmlException.Code.MALFORMED_ACL,
          failure(() -> S3RequestXmlParser.parseAccessControlPolicy(body(xml), LIMIT)));
    }
  }

  @Nested
  class VersioningConfigurations {

    @Test
    void statusAndMfaDelete() {
      assertEquals(new VersioningConfiguration(VersioningStatus.SUSPENDED, false),
          S3RequestXmlParser.parseVersioningConfiguration(
              body("<VersioningConfiguration" + NS + "><Status>Suspended</Status></VersioningConfiguration>"), LIMIT));
      assertEquals(new VersioningConfiguration(VersioningStatus.ENABLED, true),
          S3RequestXmlParser.parseVersioningConfiguration(body("<VersioningConfiguration><MfaDelete>Enabled</MfaDelete>"
              + "<Status>Enabled</Status></VersioningConfiguration>"), LIMIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<VersioningConfiguration/>",
        "<VersioningConfiguration><Status>On</Status></VersioningConfiguration>",
        "<VersioningConfiguration><Status>Suspended</Status><MfaDelete>Maybe</MfaDelete></VersioningConfiguration>",
        "<VersioningConfiguration><Status>Suspended</Status><Other/></VersioningConfiguration>"})
    void anythingElseIsMalformed(String xml) {
      assertEquals(S3XmlException.Code.MALFORMED_XML,
          failure(() -> S3RequestXmlParser.parseVersioningConfiguration(body(xml), LIMIT)));
    }
  }
}
