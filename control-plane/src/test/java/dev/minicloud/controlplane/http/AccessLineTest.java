package dev.minicloud.controlplane.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLineTest {

  @Test
  void formatsMillisecondsWithThreeDecimals() {
    assertEquals("R1 127.0.0.1 GET /b/k 200 4096B 0.007ms acct/root",
        RequestContextHandler.accessLine("R1", "127.0.0.1", "GET", "/b/k", null, 200, 4096, 7, "acct/root"));
    assertEquals("R1 127.0.0.1 PUT /b/k 200 0B 12.045ms -",
        RequestContextHandler.accessLine("R1", "127.0.0.1", "PUT", "/b/k", null, 200, 0, 12_045, "-"));
    assertEquals("R1 127.0.0.1 HEAD /b 404 0B 3.999ms -",
        RequestContextHandler.accessLine("R1", "127.0.0.1", "HEAD", "/b", null, 404, 0, 3_999, "-"));
  }

  @Test
  void redactsPresignedSignatures() {
    String line = RequestContextHandler.accessLine("R1", "127.0.0.1", "GET", "/b/k",
        "X-Amz-Credential=AKID%2F20261202&x-amz-signature=abcdef&X-Amz-Security-Token=tok&list-type=2",
        200, 1, 1_000, "-");
    assertEquals("R1 127.0.0.1 GET /b/k?X-Amz-Credential=AKID%2F20261202&x-amz-signature=REDACTED"
        + "&X-Amz-Security-Token=REDACTED&list-type=2 200 1B 1.000ms -", line);
  }
}
