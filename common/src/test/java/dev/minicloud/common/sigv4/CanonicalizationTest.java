package dev.minicloud.common.sigv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalizationTest {

  // ---------------------------------------------------------------- encoding

  @Test
  void encodesEverythingButTheUnreservedCharacters() {
    assertEquals("AZaz09-._~", AwsUriEncoding.encode("AZaz09-._~"));
    assertEquals("a%20b%2Bc%2A%2F%3D%26%25", AwsUriEncoding.encode("a b+c*/=&%"));
    assertEquals("%C3%A9%E1%88%B4%F0%9F%98%80", AwsUriEncoding.encode("éሴ😀"));
    assertEquals("/a%20b/c", AwsUriEncoding.encodePath("/a b/c"));
  }

  @Test
  void decodesBytesLeniently() {
    assertEquals("a b", AwsUriEncoding.decode("a+b", true));
    assertEquals("a+b", AwsUriEncoding.decode("a+b", false));
    assertEquals("~é", AwsUriEncoding.decode("%7e%C3%a9", false));
    assertEquals("%zz%4", AwsUriEncoding.decode("%zz%4", false), "a stray % is literal");
    assertArrayEquals(new byte[] {(byte) 0xFF}, AwsUriEncoding.decodeToBytes("%FF", false));
    assertEquals("%FF", AwsUriEncoding.encode(AwsUriEncoding.decodeToBytes("%ff", false), false),
        "invalid UTF-8 keeps its bytes");
  }

  // ---------------------------------------------------------------- canonical URI

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                  | /",
      "/                   | /",
      "/bucket/a%20b.txt   | /bucket/a%20b.txt",
      "/bucket/a b.txt     | /bucket/a%20b.txt",
      "/bucket/a+b         | /bucket/a%2Bb",
      "/bucket/a%2Bb       | /bucket/a%2Bb",
      "/bucket/%7e!        | /bucket/~%21",
      "/b//x/../y/./       | /b//x/../y/./",
      "/b/%2F              | /b//",
      "/b/caf%C3%A9        | /b/caf%C3%A9",
      "/b/100%             | /b/100%25",
  })
  void s3EncodesTheDecodedPathOnceWithoutNormalizing(String rawPath, String expected) {
    assertEquals(expected, CanonicalUri.of(rawPath, CanonicalizationProfile.S3));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                  | /",
      "/                   | /",
      "/compute/v1/i-1     | /compute/v1/i-1",
      "/a%20b              | /a%2520b",
      "/a+b                | /a%2Bb",
      "/a/./b/../c         | /a/c",
      "/a/b/..             | /a",
      "/a/b/../            | /a/",
      "/a/.                | /a",
      "//x//y//            | /x/y/",
      "/../a               | /../a",
      "/a/../../b          | /../b",
      "/a/%2E%2E/b         | /a/%252E%252E/b",
      "/ሴ                  | /%E1%88%B4",
  })
  void otherServicesNormalizeAndEncodeTheWirePathAgain(String rawPath, String expected) {
    assertEquals(expected, CanonicalUri.of(rawPath, CanonicalizationProfile.STANDARD));
  }

  @Test
  void normalizationIsExactlyJavaNetUriNormalize() {
    Random random = new Random(7);
    String[] pieces = {"a", "b", ".", "..", "", "%20", "x.y", "...", ".a", "a.", "~"};
    for (int i = 0; i < 5_000; i++) {
      StringBuilder path = new StringBuilder();
      int segments = random.nextInt(7);
      for (int s = 0; s < segments; s++) {
        path.append('/').append(pieces[random.nextInt(pieces.length)]);
      }
      if (path.length() == 0 || random.nextBoolean()) {
        path.append('/');
      }
      String expected = URI.create("http://h" + path).normalize().getRawPath();
      assertEquals(expected, CanonicalUri.normalize(path.toString()), path.toString());
    }
  }

  @Test
  void theProfileFollowsTheService() {
    assertEquals(CanonicalizationProfile.S3, CanonicalizationProfile.forService("s3"));
    for (String service : List.of("sts", "iam", "compute", "admin", "billing", "audit", "S3")) {
      assertEquals(CanonicalizationProfile.STANDARD, CanonicalizationProfile.forService(service));
    }
  }

  // ---------------------------------------------------------------- canonical query

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                          | ''",
      "b=2&a=1&a=0                 | a=0&a=1&b=2",
      "flag&x=                     | flag=&x=",
      "a=b+c&d=%2b                 | a=b%20c&d=%2B",
      "x=%7E&y=~&z=*               | x=~&y=~&z=%2A",
      "=x&&y=1&                    | y=1",
      "B=1&a=1&_=1                 | B=1&_=1&a=1",
      "a=1&a=1&a=                  | a=&a=1&a=1",
      "prefix=photos/2024/&delimiter=/ | delimiter=%2F&prefix=photos%2F2024%2F",
      "k=caf%C3%A9&%E1%88%B4=bar   | %E1%88%B4=bar&k=caf%C3%A9",
      "a%20b=1&a+b=2&a-b=3         | a%20b=1&a%20b=2&a-b=3",
  })
  void canonicalQuery(String rawQuery, String expected) {
    assertEquals(expected, CanonicalQuery.of(rawQuery, null));
  }

  @Test
  void aPresignedQueryLeavesOutItsSignatureOnly() {
    assertEquals("X-Amz-Date=1&x-amz-signature=2",
        CanonicalQuery.of("X-Amz-Signature=abc&X-Amz-Date=1&x-amz-signature=2", "X-Amz-Signature"));
  }

  // ---------------------------------------------------------------- canonical headers

  @Test
  void canonicalHeadersTrimCollapseAndJoin() {
    SignableRequest request = SignableRequest.builder("GET")
        .header("Host", "h")
        .header("X-Multi", "  one  ")
        .header("x-multi", "two   words")
        .header("X-Tabs", "\ta \t  b\t")
        .header("X-Empty", "")
        .build();
    assertEquals("host:h\nx-empty:\nx-missing:\nx-multi:one,two words\nx-tabs:a b\n",
        CanonicalHeaders.of(request.headers(),
            List.of("host", "x-empty", "x-missing", "x-multi", "x-tabs")));
  }

  // ---------------------------------------------------------------- request and dates

  @Test
  void signableRequestLowerCasesNamesAndKeepsRepeatedValues() {
    SignableRequest request = SignableRequest.builder("PUT")
        .uri(URI.create("https://b.example:443/k%20ey?x=1"))
        .header("X-Amz-Meta-A", "1").header("x-amz-meta-a", "2").build();
    assertEquals("/k%20ey", request.rawPath());
    assertEquals("x=1", request.rawQuery());
    assertEquals(List.of("b.example"), request.headerValues("HOST"));
    assertEquals(List.of("1", "2"), request.headerValues("x-amz-meta-a"));
    assertEquals(Map.of("host", List.of("b.example"), "x-amz-meta-a", List.of("1", "2")),
        request.headers());
    assertEquals(Optional.empty(), request.firstHeader("range"));
    assertEquals("h:9000", SignableRequest.builder("GET").uri(URI.create("http://h:9000/"))
        .build().firstHeader("host").orElseThrow());
    assertEquals("h", SignableRequest.builder("GET").uri(URI.create("http://h:80"))
        .build().firstHeader("host").orElseThrow());
    assertEquals("", SignableRequest.builder("GET").uri(URI.create("http://h")).build().rawPath());
  }

  @Test
  void signableRequestToStringShowsNoHeaderValues() {
    SignableRequest request = SignableRequest.builder("GET").rawPath("/")
        .header("Authorization", "AWS4-HMAC-SHA256 secret-ish").build();
    assertTrue(request.toString().contains("authorization"));
    assertTrue(!request.toString().contains("secret-ish"));
  }

  @Test
  void amzDatesAreStrict() {
    Instant t = Instant.parse("2013-05-24T00:00:00Z");
    assertEquals("20130524T000000Z", AmzDates.format(t));
    assertEquals("20130524", AmzDates.scopeDate(t));
    assertEquals(Optional.of(t), AmzDates.parse("20130524T000000Z"));
    for (String bad : List.of("20130524T000000", "2013-05-24T00:00:00Z", "20130230T000000Z",
        "20130524T240000Z", "20130524t000000z", "")) {
      assertEquals(Optional.empty(), AmzDates.parse(bad), bad);
    }
    assertEquals(Optional.of(t), AmzDates.parseHttpDate("Fri, 24 May 2013 00:00:00 GMT"));
    assertEquals(Optional.empty(), AmzDates.parseHttpDate("yesterday"));
  }

  @Test
  void payloadHashValues() {
    assertEquals(Hashes.sha256Hex(new byte[0]), PayloadHashes.EMPTY_SHA256);
    assertTrue(PayloadHashes.isStreaming(PayloadHashes.STREAMING_UNSIGNED_PAYLOAD_TRAILER));
    assertTrue(PayloadHashes.hasChunkSignatures(
        PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER));
    assertTrue(!PayloadHashes.hasChunkSignatures(PayloadHashes.STREAMING_UNSIGNED_PAYLOAD_TRAILER));
    assertTrue(PayloadHashes.isAcceptable(PayloadHashes.EMPTY_SHA256.toUpperCase()));
    assertTrue(!PayloadHashes.isAcceptable("UNSIGNED"));
  }
}
