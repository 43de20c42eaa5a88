package dev.minicloud.common.testing;

import dev.minicloud.common.sigv4.SignableRequest;
import dev.minicloud.common.sigv4.SigV4Signer;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.sigv4.SigningResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test client that signs requests with MiniCloud's own SigV4 signer and sends them with the
 * JDK's HTTP client, for the JSON APIs that the AWS SDKs do not know.
 */
public final class SignedHttp {

  private static final Pattern KEY = Pattern.compile("aws_access_key_id = (\\S+)");
  private static final Pattern SECRET = Pattern.compile("aws_secret_access_key = (\\S+)");

  private final String endpoint;
  private final SigningCredentials credentials;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public SignedHttp(String endpoint, SigningCredentials credentials, Clock clock) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** Reads an AWS shared-credentials file such as {@code <data>/root-credentials}. */
  public static SigningCredentials credentialsFile(Path file) {
    try {
      String text = Files.readString(file);
      Matcher key = KEY.matcher(text);
      Matcher secret = SECRET.matcher(text);
      if (!key.find() || !secret.find()) {
        throw new IllegalStateException("no credentials in " + file);
      }
      return new SigningCredentials(key.group(1), secret.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a signed request and returns the response, whatever its status. */
  public HttpResponse<String> send(String method, String service, String pathAndQuery, byte[] body,
      Map<String, String> headers) {
    URI uri = URI.create(endpoint + pathAndQuery);
    SignableRequest.Builder toSign = SignableRequest.builder(method).uri(uri);
    headers.forEach(toSign::header);
    SigningResult signed = new SigV4Signer(credentials, "us-east-1", service).sign(toSign.build(), body, clock.instant());
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    signed.headers().forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String service, String pathAndQuery) {
    return send("GET", service, pathAndQuery, new byte[0], Map.of());
  }
}
