package dev.minicloud.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.error.ApiError;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.json.Json;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.RetriableException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void s3XmlErrorKeepsCodeMessageAndRequestId() {
    byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
        + "<Message>The specified key does not exist.</Message><Key>a</Key><Resource>/b/a</Resource>"
        + "<RequestId>R123</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    MiniCloudException e = Errors.fromResponse(404, "HEADER", xml, null);
    assertEquals("NoSuchKey", e.code());
    assertEquals(404, e.statusCode());
    assertEquals("R123", e.requestId());
    assertEquals("The specified key does not exist.", e.getMessage());
    assertFalse(e.retriable());
  }

  @Test
  void jsonErrorUsesCommonErrorModelAndItsRetriability() {
    byte[] json = Json.toBytes(ApiError.of(ApiErrorCode.SERVICE_UNAVAILABLE, "not ready", "J1"));
    MiniCloudException e = Errors.fromResponse(503, null, json, null);
    assertInstanceOf(RetriableException.class, e);
    assertEquals("ServiceUnavailable", e.code());
    assertEquals("J1", e.requestId());

    MiniCloudException notImplemented = Errors.fromResponse(501, null,
        Json.toBytes(ApiError.of(ApiErrorCode.NOT_IMPLEMENTED, "later", "J2")), null);
    assertFalse(notImplemented.retriable());
  }

  @Test
  void bodylessAnswersGetACodeFromTheStatus() {
    MiniCloudException e = Errors.fromResponse(404, "H1", new byte[0], "NoSuchBucket");
    assertEquals("NoSuchBucket", e.code());
    assertEquals("H1", e.requestId());
    assertEquals("The specified bucket does not exist.", e.getMessage());
    assertEquals("AccessDenied", Errors.fromResponse(403, null, new byte[0], null).code());
  }

  @Test
  void unreadableBodiesStillGiveATypedError() {
    MiniCloudException e = Errors.fromResponse(502, "P1", "<html><body>Bad gateway".getBytes(StandardCharsets.UTF_8), null);
    assertEquals("Http502", e.code());
    assertTrue(e.getMessage().startsWith("unreadable error response"), e.getMessage());
    assertTrue(e.retriable());
  }

  @Test
  void throttlingAndServerErrorsAreRetriable() {
    byte[] slowDown = "<Error><Code>SlowDown</Code><Message>m</Message></Error>".getBytes(StandardCharsets.UTF_8);
    assertTrue(Errors.fromResponse(503, null, slowDown, null).retriable());
    assertTrue(Errors.fromResponse(429, null, new byte[0], null).retriable());
    assertTrue(Errors.fromResponse(500, null, "oops".getBytes(StandardCharsets.UTF_8), null).retriable());
    assertFalse(Errors.fromResponse(400, null, new byte[0], null).retriable());
  }
}
