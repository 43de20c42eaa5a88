package dev.minicloud.common.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worked examples AWS publishes: the SigV4 test suite (service "service", 2015-08-30), the IAM
 * example of the general reference, and the S3 API reference examples (examplebucket, 2013-05-24),
 * including chunked uploads. Each is checked both ways: our signer produces the documented
 * signature, and our verifier accepts the documented request.
 */
class AwsDocumentedExamplesTest {

  // ------------------------------------------------------------ SigV4 test suite (generic service)

  @Nested
  class TestSuite {
    static final String AKID = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
    final SigV4Signer signer =
        new SigV4Signer(new SigningCredentials(AKID, SECRET), "us-east-1", "service");

    private SignableRequest.Builder request(String method, String rawPath, String rawQuery) {
      return SignableRequest.builder(method).rawPath(rawPath).rawQuery(rawQuery)
          .header("Host", "example.amazonaws.com");
    }

    private String authorization(String signature, String signedHeaders) {
      return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
          + "SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "get-vanilla                      | GET  | /                | ''            | 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "post-vanilla                     | POST | /                | ''            | 5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
        "get-vanilla-query-order-key-case | GET  | /                | Param2=value2&Param1=value1 | b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
        "get-utf8                         | GET  | /ሴ               | ''            | 8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85",
        "get-vanilla-utf8-query           | GET  | /                | ሴ=bar         | 2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04",
        "get-unreserved                   | GET  | /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz | '' | 07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f",
        // normalize-path cases whose canonical URI is "/": the same signature as get-vanilla
        "get-relative                     | GET  | /example/..      | ''            | 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "get-relative-relative            | GET  | /example1/example2/../.. | ''    | 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "get-slash                        | GET  | //               | ''            | 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "get-slash-dot-slash              | GET  | /./              | ''            | 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    })
    void signsAndVerifiesTheSuiteVectors(
        String name, String method, String path, String query, String signature) {
      SignableRequest unsigned = request(method, path, query).build();
      SigningResult signed = signer.sign(unsigned, PayloadHashes.EMPTY_SHA256, TIME);
      assertEquals(authorization(signature, "host;x-amz-date"), signed.authorization(), name);

      SignableRequest wire = request(method, path, query)
          .header("X-Amz-Date", "20150830T123600Z")
          .header("Authorization", authorization(signature, "host;x-amz-date"))
          .build();
      VerifiedRequest verified = verifier(TIME, AKID, SECRET).verify(wire);
      assertEquals("service", verified.service());
      assertEquals(signature, verified.seedSignature());
    }

    @Test
    void postHeaderKeySort() {
      SignableRequest unsigned = request("POST", "/", "").header("My-Header1", "value1").build();
      SigningResult signed = signer.sign(unsigned, PayloadHashes.EMPTY_SHA256, TIME);
      assertEquals(authorization(
          "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c",
          "host;my-header1;x-amz-date"), signed.authorization());
    }
  }

  // ------------------------------------------------------------ general reference (IAM)

  @Test
  void iamListUsersExampleOfTheGeneralReference() {
    SigV4Signer signer = new SigV4Signer(
        new SigningCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        "us-east-1", "iam");
    SignableRequest request = SignableRequest.builder("GET").rawPath("/")
        .rawQuery("Action=ListUsers&Version=2010-05-08")
        .header("Host", "iam.amazonaws.com")
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .build();
    SigningResult signed =
        signer.sign(request, PayloadHashes.EMPTY_SHA256, Instant.parse("2015-08-30T12:36:00Z"));
    assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-date, "
        + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
        signed.authorization());
    assertEquals("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9",
        Hashes.hex(signed.signingKey()));
  }

  @Test
  void signingKeyDerivationExample() {
    byte[] key = SigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        new CredentialScope("20120215", "us-east-1", "iam"));
    assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
        Hashes.hex(key));
  }

  // ------------------------------------------------------------ S3 API reference

  @Nested
  class S3 {
    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final String HOST = "examplebucket.s3.amazonaws.com";
    final SigV4Signer signer =
        new SigV4Signer(new SigningCredentials(AKID, SECRET), "us-east-1", "s3");

    private String authorization(String signedHeaders, String signature) {
      return "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
          + "SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    @Test
    void getObjectWithRange() {
      String expected = authorization("host;range;x-amz-content-sha256;x-amz-date",
          "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
      SignableRequest request = SignableRequest.builder("GET").rawPath("/test.txt")
          .header("Host", HOST).header("Range", "bytes=0-9").build();
      SigningResult signed = signer.sign(request, new byte[0], TIME);
      assertEquals(expected, signed.authorization());
      assertEquals(Map.of("x-amz-date", "20130524T000000Z",
          "x-amz-content-sha256", PayloadHashes.EMPTY_SHA256,
          "authorization", expected), signed.headers());

      SignableRequest wire = request.toBuilder()
          .header("x-amz-date", "20130524T000000Z")
          .header("x-amz-content-sha256", PayloadHashes.EMPTY_SHA256)
          .header("Authorization", expected).build();
      VerifiedRequest verified = verifier(TIME, AKID, SECRET).verify(wire);
      assertEquals(AKID, verified.accessKeyId());
      assertEquals(new CredentialScope("20130524", "us-east-1", "s3"), verified.scope());
      assertEquals(List.of("host", "range", "x-amz-content-sha256", "x-amz-date"),
          verified.signedHeaders());
      assertFalse(verified.presigned());
      assertEquals(Optional.empty(), verified.expiresAt());
    }

    @Test
    void canonicalRequestOfGetObjectHashesAsDocumented() {
      SignableRequest request = SignableRequest.builder("GET").rawPath("/test.txt")
          .header("Host", HOST).header("Range", "bytes=0-9")
          .header("x-amz-content-sha256", PayloadHashes.EMPTY_SHA256)
          .header("x-amz-date", "20130524T000000Z").build();
      CanonicalRequest canonical = CanonicalRequest.of(request, CanonicalizationProfile.S3,
          List.of("host", "range", "x-amz-content-sha256", "x-amz-date"),
          PayloadHashes.EMPTY_SHA256, false);
      assertEquals("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
          canonical.sha256Hex());
    }

    @Test
    void putObjectWithDateHeaderAndADollarInTheKey() {
      String payload = Hashes.sha256Hex("Welcome to Amazon S3.");
      assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", payload);
      String expected = authorization(
          "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
          "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
      SignableRequest request = SignableRequest.builder("PUT").rawPath("/test$file.text")
          .header("Host", HOST)
          .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
          .header("x-amz-storage-class", "REDUCED_REDUNDANCY").build();
      assertEquals(expected, signer.sign(request,
          "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8), TIME).authorization());

      // On the wire the '$' may come encoded: S3 canonicalizes the decoded key.
      SignableRequest wire = request.toBuilder().rawPath("/test%24file.text")
          .header("x-amz-date", "20130524T000000Z")
          .header("x-amz-content-sha256", payload)
          .header("Authorization", expected).build();
      assertEquals(payload, verifier(TIME, AKID, SECRET).verify(wire).payloadHash());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lifecycle            | fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
        "max-keys=2&prefix=J  | 34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
        "prefix=J&max-keys=2  | 34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
    })
    void bucketRequestsWithAQuery(String query, String signature) {
      String expected = authorization("host;x-amz-content-sha256;x-amz-date", signature);
      SignableRequest request = SignableRequest.builder("GET").rawPath("/").rawQuery(query)
          .header("Host", HOST).build();
      assertEquals(expected,
          signer.sign(request, PayloadHashes.EMPTY_SHA256, TIME).authorization());
    }

    @Test
    void presignedGetObject() {
      String signature = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
      String expectedQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
          + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
          + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
          + "&X-Amz-Signature=" + signature;
      SignableRequest request = SignableRequest.builder("GET")
          .uri(java.net.URI.create("https://" + HOST + "/test.txt")).build();
      assertEquals(expectedQuery,
          signer.presign(request, java.time.Duration.ofSeconds(86400), TIME));

      SignableRequest wire = request.toBuilder().rawQuery(expectedQuery).build();
      VerifiedRequest verified =
          verifier(TIME.plusSeconds(86400), AKID, SECRET).verify(wire);
      assertTrue(verified.presigned());
      assertEquals(PayloadHashes.UNSIGNED_PAYLOAD, verified.payloadHash());
      assertEquals(Optional.of(TIME.plusSeconds(86400)), verified.expiresAt());
      assertEquals(signature, verified.seedSignature());
    }

    // -------------------------------------------------------- chunked upload examples

    private static final String CHUNKED_SEED =
        "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";

    @Test
    void seedSignatureOfTheChunkedUploadExample() {
      String expected = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
          + "aws4_request, SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;"
          + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class, Signature=" + CHUNKED_SEED;
      SignableRequest request = SignableRequest.builder("PUT").rawPath("/examplebucket/chunkObject.txt")
          .header("Host", "s3.amazonaws.com")
          .header("Content-Encoding", "aws-chunked")
          .header("Content-Length", "66824")
          .header("x-amz-decoded-content-length", "66560")
          .header("x-amz-storage-class", "REDUCED_REDUNDANCY").build();
      SigningResult signed =
          signer.sign(request, PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD, TIME);
      assertEquals(expected, signed.authorization());

      SignableRequest wire = request.toBuilder()
          .header("x-amz-date", "20130524T000000Z")
          .header("x-amz-content-sha256", PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD)
          .header("Authorization", expected).build();
      VerifiedRequest verified = verifier(TIME, AKID, SECRET).verify(wire);
      assertEquals(PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD, verified.payloadHash());

      ChunkSignatureChain chain = ChunkSignatureChain.of(verified);
      assertTrue(chain.verifyNext(Hashes.sha256Hex(a(65536)),
          "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"));
      assertTrue(chain.verifyNext(Hashes.sha256Hex(a(1024)),
          "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"));
      assertTrue(chain.verifyNext(PayloadHashes.EMPTY_SHA256,
          "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"));

      ChunkSignatureChain sdkSide = ChunkSignatureChain.of(signed);
      assertEquals("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
          sdkSide.next(Hashes.sha256Hex(a(65536))));
    }

    @Test
    void chunkStringToSignOfTheExample() {
      assertEquals("AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
          + CHUNKED_SEED + "\n" + PayloadHashes.EMPTY_SHA256 + "\n"
          + "bf718b6f653bebc184e1479f1935b8da974d701b893afcf49e701f3e2f9f9c5a",
          StreamingSignatures.chunkStringToSign("20130524T000000Z",
              new CredentialScope("20130524", "us-east-1", "s3"), CHUNKED_SEED,
              Hashes.sha256Hex(a(65536))));
    }

    @Test
    void chunksAndTrailerOfTheTrailingChecksumExample() {
      byte[] key = SigV4.signingKey(SECRET, new CredentialScope("20130524", "us-east-1", "s3"));
      CredentialScope scope = new CredentialScope("20130524", "us-east-1", "s3");
      String seed = "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e";
      String first = StreamingSignatures.chunkSignature(key, "20130524T000000Z", scope, seed,
          a(65536));
      assertEquals("b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2", first);
      String second = StreamingSignatures.chunkSignature(key, "20130524T000000Z", scope, first,
          a(1024));
      assertEquals("1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7", second);
      String last = StreamingSignatures.chunkSignature(key, "20130524T000000Z", scope, second,
          new byte[0]);
      assertEquals("2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992", last);
      assertEquals("d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435",
          StreamingSignatures.trailerSignature(key, "20130524T000000Z", scope, last,
              "x-amz-checksum-crc32c:sOO8/Q==\n"));
    }

    private static byte[] a(int n) {
      byte[] data = new byte[n];
      Arrays.fill(data, (byte) 'a');
      return data;
    }
  }

  static SigV4Verifier verifier(Instant now, String akid, String secret) {
    return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC),
        id -> id.equals(akid) ? Optional.of(secret) : Optional.empty());
  }
}
