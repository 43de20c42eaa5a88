package dev.minicloud.controlplane.s3.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3XmlTest {

  @Test
  void timestampsHaveMillisAndZ() {
    assertEquals("2009-10-12T17:50:30.000Z", S3Xml.timestamp(Instant.parse("2009-10-12T17:50:30Z")));
    assertEquals("2009-10-12T17:50:30.123Z", S3Xml.timestamp(Instant.parse("2009-10-12T17:50:30.123999Z")));
    assertEquals("1970-01-01T00:00:00.000Z", S3Xml.timestamp(Instant.EPOCH));
  }

  @Test
  void httpDatesAreRfc1123WithTwoDigitDays() {
    assertEquals("Mon, 12 Oct 2009 17:50:30 GMT", S3Xml.httpDate(Instant.parse("2009-10-12T17:50:30.999Z")));
    assertEquals("Sat, 02 Jan 2021 03:04:05 GMT", S3Xml.httpDate(Instant.parse("2021-01-02T03:04:05Z")));
  }

  @Test
  void urlEncodingIsS3sFormEncodingWithSlashesKept() {
    assertEquals("a+b%2Bc/d%2520%7E*._-", S3Xml.urlEncode("a b+c/d%20~*._-"));
    assertEquals("%0A%0D%01%7F", S3Xml.urlEncode("\n\r\u0001\u007f"));
    assertEquals("%C3%BC/%F0%9F%8E%89", S3Xml.urlEncode("ü/🎉"));
    assertEquals("year%3D2015/%26%3C%3E%22%27", S3Xml.urlEncode("year=2015/&<>\"'"));
    String tricky = "a b+c%2Fd/\u0001ü";
    assertEquals(tricky, URLDecoder.decode(S3Xml.urlEncode(tricky), StandardCharsets.UTF_8));
  }

  @Test
  void etagsAreQuotedOnceAndUnquoted() {
    assertEquals("\"abc\"", S3Xml.quoteEtag("abc"));
    assertEquals("\"abc\"", S3Xml.quoteEtag("\"abc\""));
    assertEquals("abc-2", S3Xml.unquoteEtag(" \"abc-2\" "));
    assertEquals("abc", S3Xml.unquoteEtag("abc"));
  }
}
