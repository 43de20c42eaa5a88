package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.testing.Poll;
import dev.minicloud.common.testing.SignedHttp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Metering, billing and audit end to end: a scripted S3 workload through the AWS SDK for Java v2
 * against the real platform must produce exactly the expected usage, an invoice whose total is the
 * sum of quantity x rate, and audit records (a failed call with its error code); and a server
 * killed with SIGKILL mid-workload must, after a restart, show every completed request once.
 */
class MeteringIT {

  private static final Pattern READY = Pattern.compile("MiniCloud is ready at (https?://\\S+)");

  @TempDir
  Path data;

  @Test
  void scriptedWorkloadIsMeteredExactlyPricedAndAudited() throws Exception {
    try (InProcessPlatform platform = new InProcessPlatform(data)) {
      String account = platform.controlPlane.rootAccountId();
      SignedHttp http = new SignedHttp(platform.endpoint(), platform.root, Clock.systemUTC());
      // Checksums only when required (no trailers). Over plain HTTP the SDK still signs the payload in
      // aws-chunked form; transfer.in.bytes counts the body bytes as received, framing included.
      try (S3Client s3 = client(platform.endpoint(), platform.root, RequestChecksumCalculation.WHEN_REQUIRED)) {
        s3.createBucket(b -> b.bucket("metered"));                                  // tier 1
        long bytesIn = 0;
        for (int i = 1; i <= 5; i++) {                                               // 5 x tier 1
          byte[] body = new byte[1000 * i];
          s3.putObject(b -> b.bucket("metered").key("k" + body.length), RequestBody.fromBytes(body));
          bytesIn += signedChunkedLength(body.length);
        }
        long bytesOut = 0;
        for (int size : new int[] {1000, 2000, 5000}) {                              // 3 x tier 2
          bytesOut += s3.getObjectAsBytes(b -> b.bucket("metered").key("k" + size)).asByteArray().length;
        }
        s3.headObject(b -> b.bucket("metered").key("k1000"));                        // tier 2, no body
        for (int i = 0; i < 2; i++) {                                                // 2 x tier 1 (LIST)
          HttpResponse<String> list = http.get("s3", "/metered?list-type=2");
          assertEquals(200, list.statusCode(), list.body());
          bytesOut += list.body().getBytes(StandardCharsets.UTF_8).length;
        }
        HttpResponse<String> missing = http.get("s3", "/no-such-bucket-here/key");   // tier 2, NoSuchBucket
        assertEquals(404, missing.statusCode());
        bytesOut += missing.body().getBytes(StandardCharsets.UTF_8).length;
        String missingRequestId = missing.headers().firstValue("x-amz-request-id").orElseThrow();

        long expectedOut = bytesOut;
        Map<String, BigDecimal> expected = Map.of(
            "requests.tier1", BigDecimal.valueOf(8),
            "requests.tier2", BigDecimal.valueOf(5),
            "transfer.in.bytes", BigDecimal.valueOf(bytesIn),
            "transfer.out.bytes", BigDecimal.valueOf(expectedOut));
        // Request counts are durable before each response; bytes sent are committed just after it ends.
        Map<String, BigDecimal> lastSeen = new HashMap<>();
        try {
          Poll.until(Duration.ofSeconds(10), "usage " + expected, () -> {
          Map<String, BigDecimal> usage = monthlyUsage(http, account);
          lastSeen.clear();
          lastSeen.putAll(usage);
          return expected.entrySet().stream().allMatch(e -> e.getValue().compareTo(
              usage.getOrDefault(e.getKey(), BigDecimal.ZERO)) == 0);
          });
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; last seen " + lastSeen, e);
        }
        Map<String, BigDecimal> usage = monthlyUsage(http, account);
        expected.forEach((meter, quantity) -> assertEquals(0, quantity.compareTo(usage.get(meter)),
            meter + ": " + usage));
        Poll.until(Duration.ofSeconds(10), "storage.objects sampled",
            () -> BigDecimal.valueOf(5).compareTo(monthlyUsage(http, account).getOrDefault("storage.objects",
                BigDecimal.ZERO)) == 0);

        // CSV export carries the same rows.
        HttpResponse<String> csv = http.send("GET", "billing", "/billing/v1/usage?granularity=month&format=csv",
            new byte[0], Map.of());
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.body().startsWith("accountId,meter,unit,start,end,quantity"), csv.body());
        assertTrue(csv.body().contains(account + ",requests.tier1,requests,"), csv.body());

        // The invoice: every line is quantity / per x rate, and the total is their sum.
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        HttpResponse<String> invoiceResponse = http.get("billing", "/billing/v1/invoices/" + month);
        assertEquals(200, invoiceResponse.statusCode(), invoiceResponse.body());
        JsonNode invoice = json(invoiceResponse.body());
        assertEquals("open", invoice.get("status").asText());
        BigDecimal sum = BigDecimal.ZERO;
        boolean sawTier1 = false;
        for (JsonNode line : invoice.get("lines")) {
          BigDecimal quantity = line.get("quantity").decimalValue();
          BigDecimal cost = quantity.multiply(line.get("rate").decimalValue())
              .divide(line.get("per").decimalValue(), 10, RoundingMode.HALF_EVEN);
          assertEquals(0, cost.compareTo(line.get("cost").decimalValue()), line.toString());
          sum = sum.add(cost);
          if (line.get("meter").asText().equals("requests.tier1")) {
            sawTier1 = true;
            assertEquals(0, BigDecimal.valueOf(8).compareTo(quantity));
          }
        }
        assertTrue(sawTier1, invoice.toString());
        assertEquals(0, sum.compareTo(invoice.get("total").decimalValue()), invoice.toString());

        // Audit: the failed call is there with its error code; an unauthenticated one is not.
        JsonNode failed = auditEvent(http, missingRequestId);
        assertEquals("NoSuchBucket", failed.get("errorCode").asText());
        assertEquals("error", failed.get("outcome").asText());
        assertEquals("s3:GetObject", failed.get("action").asText());
        assertEquals(platform.root.accessKeyId(), failed.get("accessKeyId").asText());
        assertEquals("root", failed.get("userName").asText());
        assertEquals("arn:minicloud:s3:::no-such-bucket-here/key", failed.get("resource").asText());
        assertEquals("127.0.0.1", failed.get("sourceIp").asText());

        SignedHttp forger = new SignedHttp(platform.endpoint(),
            new SigningCredentials(platform.root.accessKeyId(), "x".repeat(40)), Clock.systemUTC());
        HttpResponse<String> forged = forger.get("s3", "/metered");
        assertEquals(403, forged.statusCode());
        String forgedId = forged.headers().firstValue("x-amz-request-id").orElseThrow();
        JsonNode page = json(http.get("audit", "/audit/v1/events?limit=1000").body());
        for (JsonNode event : page.get("events")) {
          assertFalse(forgedId.equals(event.get("requestId").asText()), "a bad signature is not authenticated");
        }
        assertEquals(8 + 5, countS3Events(page), "every authenticated S3 call has one record: " + page);

        // Operations metrics (not billing) on /metrics.
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.endpoint() + "/metrics"))
            .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("minicloud_api_requests_seconds_count{action=\"s3:PutObject\",api=\"s3\",status=\"200\"}"),
            metrics);
        assertTrue(metrics.contains("minicloud_api_bytes_total{api=\"s3\",direction=\"in\"}"), metrics);
        assertTrue(metrics.contains("minicloud_metering_backlog"), metrics);

        HttpResponse<String> verify = http.send("POST", "audit", "/audit/v1/verify", new byte[0], Map.of());
        assertEquals(200, verify.statusCode(), verify.body());
        assertTrue(json(verify.body()).get("intact").asBoolean(), verify.body());

        // Budget: 8 tier-1 requests alone cost 0.00004, so a 0.00004 budget is reached (advisory).
        assertEquals(404, http.get("billing", "/billing/v1/budget").statusCode());
        HttpResponse<String> setBudget = http.send("PUT", "billing", "/billing/v1/budget",
            "{\"monthlyLimit\":\"0.00004\"}".getBytes(StandardCharsets.UTF_8), Map.of("content-type", "application/json"));
        assertEquals(200, setBudget.statusCode(), setBudget.body());
        JsonNode budget = json(http.get("billing", "/billing/v1/budget").body());
        assertTrue(budget.get("reached80Percent").asBoolean(), budget.toString());
        assertTrue(budget.get("reached100Percent").asBoolean(), budget.toString());
        assertEquals("exceeded", budget.get("state").asText());
        assertEquals(204, http.send("DELETE", "billing", "/billing/v1/budget", new byte[0], Map.of()).statusCode());

        HttpResponse<String> bad = http.get("billing", "/billing/v1/usage?granularity=weekly");
        assertEquals(400, bad.statusCode());
        assertEquals("ValidationError", json(bad.body()).get("error").get("code").asText());
      }
    }
  }

  @Test
  void aServerKilledMidWorkloadCountsEveryCompletedRequestOnceAfterRestart() throws Exception {
    Path dir = data.resolve("server");
    AtomicInteger puts = new AtomicInteger();
    AtomicInteger gets = new AtomicInteger();
    String account;
    try (DistProcess server = DistProcess.start("server", "server", "--port", "0", "--data", dir.toString())) {
      String url = server.awaitLine(READY, Duration.ofSeconds(60));
      awaitReady(url);
      SigningCredentials root = SignedHttp.credentialsFile(dir.resolve("root-credentials"));
      account = accountOf(new SignedHttp(url, root, Clock.systemUTC()));
      try (S3Client s3 = client(url, root, RequestChecksumCalculation.WHEN_SUPPORTED)) {
        s3.createBucket(b -> b.bucket("crash"));
        Thread workload = new Thread(() -> {
          try {
            for (int i = 0; ; i++) {
              int n = i;
              s3.putObject(b -> b.bucket("crash").key("k" + n), RequestBody.fromString("object " + n));
              puts.incrementAndGet();
              s3.getObjectAsBytes(b -> b.bucket("crash").key("k" + n));
              gets.incrementAndGet();
            }
          } catch (RuntimeException expected) {
            // the server died under us: this request did not complete
          }
        }, "workload");
        workload.start();
        Poll.until(Duration.ofSeconds(60), "40 completed PUTs", () -> puts.get() >= 40);
        server.kill();
        workload.join(30_000);
        assertFalse(workload.isAlive());
      }
    }
    try (DistProcess again = DistProcess.start("server (restarted)", "server", "--port", "0", "--data", dir.toString())) {
      String url = again.awaitLine(READY, Duration.ofSeconds(60));
      SignedHttp http = new SignedHttp(url, SignedHttp.credentialsFile(dir.resolve("root-credentials")), Clock.systemUTC());
      Map<String, BigDecimal> usage = monthlyUsage(http, account);
      long tier1 = usage.getOrDefault("requests.tier1", BigDecimal.ZERO).longValueExact();
      long tier2 = usage.getOrDefault("requests.tier2", BigDecimal.ZERO).longValueExact();
      long extraPuts = tier1 - 1 - puts.get();
      long extraGets = tier2 - gets.get();
      String seen = "client completed " + puts.get() + " PUTs and " + gets.get() + " GETs; usage " + usage;
      assertTrue(extraPuts >= 0 && extraGets >= 0, "every completed request is counted: " + seen);
      assertTrue(extraPuts + extraGets <= 1, "nothing twice; at most the one request in flight at the kill: " + seen);

      // each completed PUT also left its audit record before its response
      JsonNode events = json(http.get("audit", "/audit/v1/events?action=s3:PutObject&limit=1000").body()).get("events");
      long audited = 0;
      for (JsonNode event : events) {
        if (event.get("resource").asText().startsWith("arn:minicloud:s3:::crash/") && event.get("httpStatus").asInt() == 200) {
          audited++;
        }
      }
      assertTrue(audited >= puts.get() && audited <= puts.get() + 1, audited + " PUTs audited; " + seen);
    }
  }

  /**
   * Bytes of a body of {@code n} bytes (one chunk) in STREAMING-AWS4-HMAC-SHA256-PAYLOAD framing:
   * {@code hex(n);chunk-signature=<64 hex>\r\n<data>\r\n} then {@code 0;chunk-signature=<64 hex>\r\n\r\n}.
   */
  private static long signedChunkedLength(int n) {
    int header = ";chunk-signature=".length() + 64 + 2;
    return Integer.toHexString(n).length() + header + n + 2 + 1 + header + 2;
  }

  private static S3Client client(String endpoint, SigningCredentials key, RequestChecksumCalculation checksums) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .requestChecksumCalculation(checksums)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretKey())))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  private static Map<String, BigDecimal> monthlyUsage(SignedHttp http, String account) {
    HttpResponse<String> response = http.get("billing", "/billing/v1/usage?granularity=month&accountId=" + account);
    assertEquals(200, response.statusCode(), response.body());
    Map<String, BigDecimal> byMeter = new HashMap<>();
    for (JsonNode row : json(response.body()).get("usage")) {
      assertEquals(account, row.get("accountId").asText());
      byMeter.merge(row.get("meter").asText(), row.get("quantity").decimalValue(), BigDecimal::add);
    }
    return byMeter;
  }

  private static JsonNode auditEvent(SignedHttp http, String requestId) {
    JsonNode[] found = new JsonNode[1];
    Poll.until(Duration.ofSeconds(10), "audit record of " + requestId, () -> {
      for (JsonNode event : json(http.get("audit", "/audit/v1/events?limit=1000").body()).get("events")) {
        if (requestId.equals(event.get("requestId").asText())) {
          found[0] = event;
          return true;
        }
      }
      return false;
    });
    assertNotNull(found[0]);
    return found[0];
  }

  private static long countS3Events(JsonNode page) {
    long n = 0;
    for (JsonNode event : page.get("events")) {
      if (event.get("action").asText().startsWith("s3:")) {
        n++;
      }
    }
    return n;
  }

  private static String accountOf(SignedHttp http) {
    HttpResponse<String> identity = http.send("POST", "sts", "/", "Action=GetCallerIdentity&Version=2011-06-15"
        .getBytes(StandardCharsets.UTF_8), Map.of("content-type", "application/x-www-form-urlencoded"));
    var m = Pattern.compile("<Account>(\\d+)</Account>").matcher(identity.body());
    assertTrue(m.find(), identity.body());
    return m.group(1);
  }

  private static void awaitReady(String url) {
    HttpClient client = HttpClient.newHttpClient();
    Poll.until(Duration.ofSeconds(30), "ready", () -> {
      try {
        return client.send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (java.io.IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  private static JsonNode json(String body) {
    return Json.fromBytes(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
  }
}
