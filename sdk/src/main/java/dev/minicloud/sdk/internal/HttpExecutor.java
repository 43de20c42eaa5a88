package dev.minicloud.sdk.internal;

import dev.minicloud.common.sigv4.SigV4Signer;
import dev.minicloud.common.sigv4.SignableRequest;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.sigv4.SigningResult;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.RetriableException;
import dev.minicloud.sdk.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Signs, sends and retries calls; turns error answers into typed exceptions. One per client,
 * thread-safe. The response body is always an {@link InputStream} the caller must close (or read
 * to the end): large objects stream, small documents are read with {@link #readAll}.
 */
public final class HttpExecutor implements AutoCloseable {

  /** Sleeps between retries; replaceable in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final HttpClient http;
  private final URI endpoint;
  private final String region;
  private final SigningCredentials credentials;
  private final Clock clock;
  private final RetryPolicy retry;
  private final Duration callTimeout;
  private final Consumer<String> debug;
  private final LongSupplier random;
  private final Sleeper sleeper;
  private final Map<String, SigV4Signer> signers = new ConcurrentHashMap<>();

  public HttpExecutor(URI endpoint, String region, SigningCredentials credentials, Clock clock, RetryPolicy retry,
      Duration connectTimeout, Duration callTimeout, Consumer<String> debug, Sleeper sleeper) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    String e = endpoint.toString();
    this.endpoint = URI.create(e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
    this.region = region;
    this.credentials = credentials;
    this.clock = clock;
    this.retry = retry;
    this.callTimeout = callTimeout;
    this.debug = debug;
    this.random = () -> ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    this.sleeper = sleeper == null ? d -> Thread.sleep(d.toMillis()) : sleeper;
  }

  public URI endpoint() {
    return endpoint;
  }

  public Clock clock() {
    return clock;
  }

  /** The signer for one service ({@code s3}, {@code sts}, {@code compute}, ...). */
  public SigV4Signer signer(String service) {
    return signers.computeIfAbsent(service, s -> new SigV4Signer(credentials, region, s));
  }

  /** The full URI of a raw path and query. */
  public URI uri(String rawPath, String rawQuery) {
    return URI.create(endpoint + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
  }

  /**
   * Sends {@code call}, retrying retriable failures when the call is idempotent and its body can be
   * sent again. Returns a 2xx/3xx response whose body stream the caller owns.
   *
   * @throws MiniCloudException the service's error, or a {@link RetriableException} when retries
   *     are exhausted
   */
  public HttpResponse<InputStream> send(Call call) {
    return withRetry(call, r -> r);
  }

  /** Sends and reads the whole (small) answer; a connection lost while reading is retried too. */
  public Response sendForBytes(Call call) {
    return withRetry(call, r -> new Response(r.statusCode(), r.headers(), readAll(r.body())));
  }

  private <T> T withRetry(Call call, java.util.function.Function<HttpResponse<InputStream>, T> reader) {
    boolean mayRetry = call.idempotent && call.body.repeatable();
    int attempts = mayRetry ? retry.maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        return reader.apply(sendOnce(call));
      } catch (RetriableException e) {
        if (attempt >= attempts) {
          throw e;
        }
        backoff(attempt, call + " failed (" + e.code() + ")");
      }
    }
  }

  /** Attempts in all that a retriable, idempotent operation gets (the retry policy's). */
  public int maxAttempts() {
    return retry.maxAttempts();
  }

  /** Waits the backoff before retry number {@code retry} (1 for the first). */
  public void backoff(int retry, String why) {
    Duration pause = this.retry.delayBefore(retry, random);
    log(why + ", retry " + retry + " in " + pause.toMillis() + " ms");
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new MiniCloudException(MiniCloudException.CLIENT_ERROR, 0, null, "interrupted", ie);
    }
  }

  /** Pauses with the client's sleeper (replaced in tests), e.g. between a waiter's polls. */
  public void pause(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new MiniCloudException(MiniCloudException.CLIENT_ERROR, 0, null, "interrupted while waiting", ie);
    }
  }

  private HttpResponse<InputStream> sendOnce(Call call) {
    URI uri = uri(call.rawPath, call.rawQuery);
    SignableRequest.Builder toSign = SignableRequest.builder(call.method).uri(uri);
    call.headers.forEach(toSign::header);
    SigningResult signed = signer(call.service).sign(toSign.build(), call.body.payloadHash(), clock.instant());
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(callTimeout)
        .method(call.method, call.body.publisher());
    call.headers.forEach(request::header);
    signed.headers().forEach(request::header);
    long started = System.nanoTime();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new RetriableException(MiniCloudException.CLIENT_ERROR, 0, null,
          "no answer from " + endpoint + " within " + callTimeout + " (" + call + ")", e);
    } catch (IOException e) {
      throw new RetriableException(MiniCloudException.CLIENT_ERROR, 0, null,
          "cannot reach " + endpoint + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MiniCloudException(MiniCloudException.CLIENT_ERROR, 0, null, "interrupted", e);
    }
    String requestId = response.headers().firstValue("x-amz-request-id").orElse(null);
    log(call + " -> " + response.statusCode() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms"
        + (requestId == null ? "" : " [" + requestId + "]"));
    if (response.statusCode() >= 300 && response.statusCode() != 304) {
      byte[] body = readAll(response.body());
      throw Errors.fromResponse(response.statusCode(), requestId, body, call.notFoundCode);
    }
    return response;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }

  private void log(String line) {
    if (debug != null) {
      debug.accept(line);
    }
  }

  /** Reads a whole body stream (small documents only). */
  public static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new RetriableException(MiniCloudException.CLIENT_ERROR, 0, null,
          "connection failed while reading the answer: " + describe(e), e);
    }
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has close() only from Java 21; its threads are daemons.
  }

  /** A fully-read answer. */
  public record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }
}
