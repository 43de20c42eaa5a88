package dev.minicloud.controlplane.http;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /openapi/{name}.yaml}: the OpenAPI 3.0 document of one JSON API, unauthenticated like
 * the probes. The documents are docs/api/{name}.openapi.yaml, copied into the jar at build time
 * (see control-plane/pom.xml) and read once here; any other name is a 404 JSON error.
 */
public final class OpenApiHandler implements Handler<RoutingContext> {

  /** The route, with the file name as its one parameter. */
  public static final String ROUTE = "/openapi/:file";
  /** Where the documents are inside the jar. */
  public static final String RESOURCE_DIR = "/dev/minicloud/controlplane/openapi/";
  /** The APIs with a document: docs/api/{name}.openapi.yaml. */
  public static final List<String> NAMES = List.of("compute", "iam", "billing", "audit", "admin");

  private static final String SUFFIX = ".yaml";

  private final Map<String, Buffer> documents;

  public OpenApiHandler() {
    Map<String, Buffer> loaded = new LinkedHashMap<>();
    for (String name : NAMES) {
      loaded.put(name, Buffer.buffer(read(name)));
    }
    this.documents = Map.copyOf(loaded);
  }

  /** The document of {@code name} (e.g. {@code compute}), if there is one. */
  public Optional<Buffer> document(String name) {
    return Optional.ofNullable(documents.get(name));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    Buffer document = file != null && file.endsWith(SUFFIX)
        ? documents.get(file.substring(0, file.length() - SUFFIX.length())) : null;
    if (document == null) {
      throw new ApiException(ApiErrorCode.NOT_FOUND, "No such OpenAPI document: " + ctx.request().path());
    }
    ctx.response().putHeader("content-type", "application/yaml; charset=utf-8").end(document);
  }

  private static byte[] read(String name) {
    String resource = RESOURCE_DIR + name + ".openapi.yaml";
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " (copied from docs/api at build time)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
