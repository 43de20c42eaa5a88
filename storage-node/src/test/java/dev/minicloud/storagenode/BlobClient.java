package dev.minicloud.storagenode;

import dev.minicloud.common.cluster.ClusterToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Test fixture: the blob API of one node, called with the JDK HTTP client and the cluster token. */
final class BlobClient {

  static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final String base;
  private final ClusterToken token;

  BlobClient(String endpoint, ClusterToken token) {
    this.base = endpoint + "/internal/v1/blobs";
    this.token = token;
  }

  HttpRequest.Builder request(String blobId) {
    return HttpRequest.newBuilder(URI.create(base + "/" + blobId))
        .timeout(TIMEOUT)
        .header(ClusterToken.HEADER, token.value());
  }

  HttpResponse<String> put(String blobId, byte[] body) throws IOException, InterruptedException {
    return send(request(blobId).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  HttpResponse<byte[]> get(String blobId, String range) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(blobId).GET();
    if (range != null) {
      request.header("Range", range);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> head(String blobId) throws IOException, InterruptedException {
    return send(request(blobId).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<String> delete(String blobId) throws IOException, InterruptedException {
    return send(request(blobId).DELETE());
  }

  HttpResponse<String> list(String query) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + (query == null ? "" : "?" + query)))
        .timeout(TIMEOUT)
        .header(ClusterToken.HEADER, token.value())
        .GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return client.send(request, handler);
  }
}
