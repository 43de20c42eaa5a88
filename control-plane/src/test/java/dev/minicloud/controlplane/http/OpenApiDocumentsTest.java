package dev.minicloud.controlplane.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.minicloud.common.id.Ids;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/api/*.openapi.yaml against the router: each document is well-formed at the top, and every
 * JSON route ApiRouter registers has a path with the same method in some document (and no
 * document describes a route that does not exist). Also: the served documents are those files.
 *
 * <p>The route list comes from parsing ApiRouter.java's source text for {@code router.<method>("...")}
 * calls with a string-literal path: building the real Router needs every part of the control plane
 * (stores, IAM, compute), which is not simple in a unit test. Routes registered with a non-literal
 * path (the internal API, the OpenAPI route itself) are not JSON API routes.
 */
class OpenApiDocumentsTest {

  private static final Path DOCS = Path.of("..", "docs", "api");
  private static final Path ROUTER_SOURCE =
      Path.of("src", "main", "java", "dev", "minicloud", "controlplane", "http", "ApiRouter.java");
  private static final Pattern ROUTE_CALL =
      Pattern.compile("router\\.(get|post|put|delete|patch|head|options)\\(\\s*\"([^\"]+)\"\\s*\\)");
  private static final Pattern PATH_PARAM = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void documentsAreWellFormedAndCoverEveryJsonRoute() throws IOException {
    Map<String, JsonNode> documents = documents();
    assertTrue(documents.keySet().containsAll(
        OpenApiHandler.NAMES.stream().map(n -> n + ".openapi.yaml").toList()), documents.keySet().toString());

    Set<String> documented = new TreeSet<>();
    for (Map.Entry<String, JsonNode> e : documents.entrySet()) {
      String file = e.getKey();
      JsonNode doc = e.getValue();
      assertTrue(doc.path("openapi").asText().startsWith("3.0."), file + ": openapi must be 3.0.x");
      assertFalse(doc.path("info").path("title").asText().isBlank(), file + ": info.title");
      assertFalse(doc.path("info").path("version").asText().isBlank(), file + ": info.version");
      JsonNode paths = doc.path("paths");
      assertTrue(paths.isObject() && paths.size() > 0, file + ": paths");
      for (Map.Entry<String, JsonNode> path : paths.properties()) {
        assertTrue(path.getKey().startsWith("/"), file + ": " + path.getKey());
        for (Iterator<String> ops = path.getValue().fieldNames(); ops.hasNext(); ) {
          String op = ops.next();
          if (METHODS.contains(op)) {
            assertTrue(path.getValue().path(op).path("responses").isObject(),
                file + ": " + op + " " + path.getKey() + " has no responses");
            assertTrue(documented.add(op.toUpperCase(Locale.ROOT) + " " + path.getKey()),
                "described twice: " + op + " " + path.getKey());
          }
        }
      }
    }

    Set<String> routes = jsonRoutes();
    assertTrue(routes.size() >= 40, "the ApiRouter parser found too few routes: " + routes);
    Set<String> undocumented = new TreeSet<>(routes);
    undocumented.removeAll(documented);
    assertEquals(Set.of(), undocumented, "routes without an OpenAPI path");
    Set<String> stale = new TreeSet<>(documented);
    stale.removeAll(routes);
    assertEquals(Set.of(), stale, "OpenAPI paths the router does not register");
  }

  @Test
  void servesTheDocumentsAndA404JsonErrorOtherwise() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      router.route().handler(new RequestContextHandler(new Ids(), Clock.systemUTC(), new AccessLog()));
      JsonErrors json = new JsonErrors();
      router.route().failureHandler(new FailureHandler(Map.of(ApiSurface.S3, json, ApiSurface.STS, json,
          ApiSurface.JSON, json, ApiSurface.INTERNAL, json, ApiSurface.PROBE, json)));
      router.get(OpenApiHandler.ROUTE).handler(new OpenApiHandler());
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.actualPort();

      for (String name : OpenApiHandler.NAMES) {
        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/openapi/" + name + ".yaml")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ok.statusCode(), name);
        assertTrue(ok.headers().firstValue("content-type").orElse("").startsWith("application/yaml"), name);
        assertEquals(new String(Files.readAllBytes(DOCS.resolve(name + ".openapi.yaml")), "UTF-8"),
            new String(ok.body(), "UTF-8"), name);
      }

      for (String missing : List.of("/openapi/s3.yaml", "/openapi/compute", "/openapi/compute.openapi.yaml",
          "/openapi/..%2Fpricing.yaml")) {
        HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(URI.create(base + missing)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(404, notFound.statusCode(), missing);
        JsonNode error = new ObjectMapper().readTree(notFound.body()).path("error");
        assertEquals("NotFound", error.path("code").asText(), missing + ": " + notFound.body());
        assertFalse(error.path("requestId").asText().isEmpty(), notFound.body());
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theOpenApiPrefixIsAProbeAndNoBucketName() {
    assertEquals(ApiSurface.PROBE, SurfaceClassifier.classify("GET", "/openapi/compute.yaml", null));
    assertTrue(SurfaceClassifier.RESERVED_BUCKET_NAMES.contains("openapi"));
  }

  /** Every docs/api/*.openapi.yaml, parsed, by file name. */
  private static Map<String, JsonNode> documents() throws IOException {
    Map<String, JsonNode> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(DOCS)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".openapi.yaml")).toList()) {
        out.put(file.getFileName().toString(), YAML.readTree(file.toFile()));
      }
    }
    return out;
  }

  /** "METHOD /path/{param}" for every literal route under a JSON API prefix in ApiRouter.java. */
  private static Set<String> jsonRoutes() throws IOException {
    String source = Files.readString(ROUTER_SOURCE);
    List<String> routes = new ArrayList<>();
    Matcher m = ROUTE_CALL.matcher(source);
    while (m.find()) {
      String path = m.group(2);
      boolean json = SurfaceClassifier.JSON_API_PREFIXES.stream().anyMatch(p -> path.startsWith(p + "/"));
      if (json) {
        routes.add(m.group(1).toUpperCase(Locale.ROOT) + " " + PATH_PARAM.matcher(path).replaceAll("{$1}"));
      }
    }
    Set<String> unique = new TreeSet<>(routes);
    assertEquals(routes.size(), unique.size(), "a route registered twice in ApiRouter");
    return unique;
  }
}
