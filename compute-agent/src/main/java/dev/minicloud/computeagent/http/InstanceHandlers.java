package dev.minicloud.computeagent.http;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.json.Json;
import dev.minicloud.computeagent.instance.InstanceManager;
import dev.minicloud.computeagent.instance.LaunchRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The agent's instance operations under {@code /internal/v1/instances}, one method per operation
 * (registered one per line in {@link ComputeAgentRouter}). Every engine call runs on a worker
 * thread, never on the event loop.
 */
public final class InstanceHandlers {

  /** Longest exec timeout accepted. */
  public static final int MAX_EXEC_TIMEOUT_SECONDS = 300;
  /** Most console lines returned. */
  public static final int MAX_CONSOLE_LINES = 10_000;

  private final InstanceManager instances;

  public InstanceHandlers(InstanceManager instances) {
    this.instances = Objects.requireNonNull(instances, "instances");
  }

  /** {@code POST /internal/v1/instances}: launch (idempotent on the instance id); 201 with the instance. */
  public void launch(RoutingContext ctx) {
    LaunchRequest request = body(ctx, LaunchRequest.class);
    blocking(ctx, 201, () -> instances.launch(request));
  }

  /** {@code GET /internal/v1/instances}: every instance of this agent. */
  public void list(RoutingContext ctx) {
    blocking(ctx, 200, () -> Map.of("instances", instances.list()));
  }

  /** {@code GET /internal/v1/instances/:id}. */
  public void describe(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> instances.describe(id));
  }

  /** {@code POST /internal/v1/instances/:id/start}. */
  public void start(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> instances.start(id));
  }

  /** {@code POST /internal/v1/instances/:id/stop}. */
  public void stop(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> instances.stop(id));
  }

  /** {@code POST /internal/v1/instances/:id/reboot}. */
  public void reboot(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> instances.reboot(id));
  }

  /** {@code DELETE /internal/v1/instances/:id}: terminate (idempotent). */
  public void terminate(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    blocking(ctx, 200, () -> instances.terminate(id));
  }

  /**
   * {@code GET /internal/v1/instances/:id/console?tail=N}: {@code {"output": "..."}}; with
   * {@code follow=true}, a chunked {@code text/plain} stream of the console as it is written, until
   * the instance stops or the caller hangs up.
   */
  public void console(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    int tail = intParam(ctx, "tail", 100, 1, MAX_CONSOLE_LINES);
    if ("true".equals(ctx.request().getParam("follow"))) {
      follow(ctx, id, tail);
      return;
    }
    blocking(ctx, 200, () -> Map.of("instanceId", id, "output", instances.console(id, tail)));
  }

  /** {@code POST /internal/v1/instances/:id/exec} {@code {"command":[...],"timeoutSeconds":N}}. */
  public void exec(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    ExecRequest request = body(ctx, ExecRequest.class);
    if (request.command() == null || request.command().isEmpty()) {
      throw new ApiException(ApiErrorCode.MISSING_PARAMETER, "command is required");
    }
    int timeout = request.timeoutSeconds() == null ? 30 : request.timeoutSeconds();
    if (timeout < 1 || timeout > MAX_EXEC_TIMEOUT_SECONDS) {
      throw new ApiException(ApiErrorCode.INVALID_PARAMETER_VALUE,
          "timeoutSeconds must be 1.." + MAX_EXEC_TIMEOUT_SECONDS);
    }
    blocking(ctx, 200, () -> instances.exec(id, request.command(), Duration.ofSeconds(timeout)));
  }

  private void follow(RoutingContext ctx, String id, int tail) {
    io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
    io.vertx.core.http.HttpServerResponse response = ctx.response();
    // Chunks may arrive before the engine call returns: the response must be chunked already.
    response.setChunked(true).putHeader("content-type", "text/plain; charset=utf-8");
    ctx.vertx().executeBlocking(() -> instances.followConsole(id, tail,
            chunk -> context.runOnContext(v -> {
              if (!response.ended() && !response.closed()) {
                response.write(Buffer.buffer(chunk));
              }
            }),
            failure -> context.runOnContext(v -> {
              if (!response.ended() && !response.closed()) {
                response.end();
              }
            })), false)
        .onSuccess(stream -> {
          if (!response.headWritten()) {
            response.writeHead();
          }
          response.closeHandler(v -> closeQuietly(stream));
          response.endHandler(v -> closeQuietly(stream));
        })
        .onFailure(ctx::fail);
  }

  private static void closeQuietly(AutoCloseable stream) {
    try {
      stream.close();
    } catch (Exception e) {
      // the engine stream is gone either way
    }
  }

  /** The body of an exec call. */
  public record ExecRequest(List<String> command, Integer timeoutSeconds) {}

  private static void blocking(RoutingContext ctx, int status, Callable<Object> work) {
    ctx.vertx().executeBlocking(work, false)
        .onSuccess(result -> ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
            .end(Buffer.buffer(Json.toBytes(result))))
        .onFailure(ctx::fail);
  }

  private static <T> T body(RoutingContext ctx, Class<T> type) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
      throw new ApiException(ApiErrorCode.MALFORMED_JSON, "A JSON body is required.");
    }
    try {
      return Json.fromBytes(ctx.body().buffer().getBytes(), type);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiErrorCode.MALFORMED_JSON, e.getMessage());
    }
  }

  private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(ApiErrorCode.INVALID_PARAMETER_VALUE, name + " must be " + min + ".." + max);
  }
}
