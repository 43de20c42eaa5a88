package dev.minicloud.controlplane.s3.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The test oracle: a real AWS SDK v2 {@link S3Client} whose HTTP client answers every request with
 * the body given to {@link #respond}, so the SDK's own unmarshallers (and response interceptors,
 * such as the one that URL-decodes listings) read our XML exactly as they read S3's. It also keeps
 * the request bodies the SDK marshals, which are what real clients send to our parsers.
 */
final class SdkS3Oracle implements SdkHttpClient {

  private volatile byte[] responseBody = new byte[0];
  private final List<byte[]> requestBodies = new ArrayList<>();
  private final List<SdkHttpRequest> requests = new ArrayList<>();
  private final S3Client client;

  SdkS3Oracle() {
    client = S3Client.builder()
        .httpClient(this)
        .region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://127.0.0.1:9"))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .build();
  }

  /** The SDK client under test. */
  S3Client s3() {
    return client;
  }

  /** Makes the next calls answer 200 with this XML body. */
  SdkS3Oracle respond(String xml) {
    responseBody = xml.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** The body of the last request the SDK sent. */
  synchronized byte[] lastRequestBody() {
    return requestBodies.get(requestBodies.size() - 1);
  }

  /** The last request the SDK sent (method, path, query). */
  synchronized SdkHttpRequest lastRequest() {
    return requests.get(requests.size() - 1);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    byte[] sent = request.contentStreamProvider().map(p -> readAll(p.newStream())).orElse(new byte[0]);
    synchronized (this) {
      requests.add(request.httpRequest());
      requestBodies.add(sent);
    }
    byte[] body = responseBody;
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        SdkHttpResponse response = SdkHttpResponse.builder()
            .statusCode(200)
            .putHeader("Content-Type", S3Xml.CONTENT_TYPE)
            .putHeader("Content-Length", Integer.toString(body.length))
            .putHeader("x-amz-request-id", "0123456789ABCDEF")
            .build();
        return HttpExecuteResponse.builder()
            .response(response)
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public void close() {}

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
