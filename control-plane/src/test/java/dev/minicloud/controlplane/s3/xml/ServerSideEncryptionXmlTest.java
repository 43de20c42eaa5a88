package dev.minicloud.controlplane.s3.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** PutBucketEncryption's document as the AWS SDK writes it, and GetBucketEncryption's as the SDK reads it. */
class ServerSideEncryptionXmlTest {

  private static final int LIMIT = 1 << 20;
  private final SdkS3Oracle oracle = new SdkS3Oracle();

  private static InputStream body(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static ServerSideEncryptionConfiguration parse(String xml) {
    return S3RequestXmlParser.parseServerSideEncryptionConfiguration(body(xml), LIMIT);
  }

  @Test
  void parsesWhatTheSdkSends() {
    oracle.respond("").s3().putBucketEncryption(b -> b.bucket("b").serverSideEncryptionConfiguration(c -> c
        .rules(ServerSideEncryptionRule.builder().bucketKeyEnabled(true)
            .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)).build())));
    assertTrue(oracle.lastRequest().rawQueryParameters().containsKey("encryption"));
    ServerSideEncryptionConfiguration parsed = S3RequestXmlParser.parseServerSideEncryptionConfiguration(
        new ByteArrayInputStream(oracle.lastRequestBody()), LIMIT);
    assertEquals(new ServerSideEncryptionConfiguration("AES256", Optional.empty(), Optional.of(true)), parsed);

    assertEquals(new ServerSideEncryptionConfiguration("aws:kms", Optional.of("k1"), Optional.empty()),
        parse("<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>"
            + "<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>k1</KMSMasterKeyID>"
            + "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>"));
  }

  @Test
  void theSdkReadsWhatGetBucketEncryptionWrites() {
    String xml = SubresourceXmlWriter.serverSideEncryptionConfiguration(
        new ServerSideEncryptionConfiguration("AES256", Optional.empty(), Optional.of(false)));
    GetBucketEncryptionResponse response = oracle.respond(xml).s3().getBucketEncryption(b -> b.bucket("b"));
    ServerSideEncryptionRule rule = response.serverSideEncryptionConfiguration().rules().get(0);
    assertEquals(ServerSideEncryption.AES256, rule.applyServerSideEncryptionByDefault().sseAlgorithm());
    assertEquals(false, rule.bucketKeyEnabled());
    assertEquals(1, response.serverSideEncryptionConfiguration().rules().size());
  }

  @Test
  void rejectsMalformedConfigurations() {
    String rule = "<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
        + "</ApplyServerSideEncryptionByDefault></Rule>";
    for (String bad : new String[] {
        "<ServerSideEncryptionConfiguration/>",
        "<ServerSideEncryptionConfiguration>" + rule + rule + "</ServerSideEncryptionConfiguration>",
        "<ServerSideEncryptionConfiguration><Rule/></ServerSideEncryptionConfiguration>",
        "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault/></Rule>"
            + "</ServerSideEncryptionConfiguration>",
        "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES128"
            + "</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>",
        "<ServerSideEncryptionConfiguration>" + rule.replace("</Rule>", "<BucketKeyEnabled>maybe</BucketKeyEnabled>"
            + "</Rule>") + "</ServerSideEncryptionConfiguration>",
        "<ServerSideEncryptionConfiguration><Rule><Extra/></Rule></ServerSideEncryptionConfiguration>",
        "<Tagging>" + rule + "</Tagging>",
        "<ServerSideEncryptionConfiguration>" + rule,
        ""}) {
      assertEquals(S3XmlException.Code.MALFORMED_XML, assertThrows(S3XmlException.class, () -> parse(bad)).code(), bad);
    }
  }
}
