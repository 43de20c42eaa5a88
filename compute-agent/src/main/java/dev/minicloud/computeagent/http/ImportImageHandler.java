package dev.minicloud.computeagent.http;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.computeagent.runtime.ContainerRuntime;
import io.vertx.core.Handler;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code POST /internal/v1/images?repository=R&tag=T} with a root filesystem tarball as the body:
 * the body streams to a file in the agent's data directory, then the engine imports it as
 * {@code R:T} on a worker thread; the file is deleted either way. 201 {@code {"image":"R:T"}}.
 */
public final class ImportImageHandler implements Handler<RoutingContext> {

  private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:[._/-][a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImportImageHandler.class);

  private final ContainerRuntime runtime;
  private final Path spool;

  public ImportImageHandler(ContainerRuntime runtime, Path spool) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.spool = Objects.requireNonNull(spool, "spool");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String repository = ctx.request().getParam("repository", "");
    String tag = ctx.request().getParam("tag", "latest");
    if (!REPOSITORY.matcher(repository).matches() || !TAG.matcher(tag).matches()) {
      throw new ApiException(ApiErrorCode.INVALID_PARAMETER_VALUE, "repository and tag must be valid image names");
    }
    ctx.request().pause();
    ctx.vertx().executeBlocking(() -> {
          Files.createDirectories(spool);
          return Files.createTempFile(spool, "import-", ".tar");
        }, false)
        .compose(file -> ctx.vertx().fileSystem().open(file.toString(), new OpenOptions().setWrite(true))
            .compose(out -> ctx.request().pipeTo(out))
            .compose(written -> ctx.vertx().executeBlocking(() -> {
              LOG.info("Importing {} bytes as image {}:{}", Files.size(file), repository, tag);
              runtime.importImage(file, repository, tag);
              return null;
            }, false))
            .andThen(done -> ctx.vertx().fileSystem().delete(file.toString())))
        .onSuccess(done -> ctx.response().setStatusCode(201).putHeader("content-type", "application/json")
            .end(new io.vertx.core.json.JsonObject(Map.of("image", repository + ":" + tag)).encode()))
        .onFailure(ctx::fail);
  }
}
