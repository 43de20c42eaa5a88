package dev.minicloud.controlplane.http;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP server per event loop, all on the same port. A Vert.x server handles every connection
 * on the one event loop it was started on, so a single server uses one core however many clients
 * there are; Vert.x binds the port once for servers that share it and hands new connections to them
 * in turn. The first server binds, the others then join it, each from its own deployment instance
 * and so on its own event loop. Port 0 (any free port) becomes a negative port unique to this call:
 * Vert.x shares a server bound to a random port among the servers that ask for the same negative
 * port, and port 0 itself is never shared.
 */
public final class ServerInstances {

  /** Event loops to serve on by default: one per core. */
  public static final int DEFAULT_COUNT = Runtime.getRuntime().availableProcessors();

  /** Negative ports handed out for port 0, one per call so two services never share a socket. */
  private static final AtomicInteger RANDOM_PORT_GROUPS = new AtomicInteger();

  private final Vertx vertx;
  private final List<HttpServer> servers;
  private final String deploymentId;

  private ServerInstances(Vertx vertx, List<HttpServer> servers, String deploymentId) {
    this.vertx = vertx;
    this.servers = servers;
    this.deploymentId = deploymentId;
  }

  /** Starts {@code count} servers with the same options and request handler. */
  public static Future<ServerInstances> listen(Vertx vertx, HttpServerOptions options,
      Handler<HttpServerRequest> handler, int count) {
    List<HttpServer> servers = new CopyOnWriteArrayList<>();
    HttpServerOptions shared = new HttpServerOptions(options);
    if (count > 1 && options.getPort() == 0) {
      shared.setPort(-RANDOM_PORT_GROUPS.incrementAndGet());
    }
    return vertx.createHttpServer(shared).requestHandler(handler).listen().compose(first -> {
      servers.add(first);
      if (count <= 1) {
        return Future.succeededFuture(new ServerInstances(vertx, servers, null));
      }
      return vertx.deployVerticle(() -> context -> vertx.createHttpServer(shared).requestHandler(handler).listen()
              .onSuccess(servers::add),
          new DeploymentOptions().setInstances(count - 1))
          .recover(e -> first.close().transform(closed -> Future.failedFuture(e)))
          .map(id -> new ServerInstances(vertx, servers, id));
    });
  }

  public int actualPort() {
    return servers.get(0).actualPort();
  }

  /** Stops accepting on every server and lets in-flight requests finish within the grace period. */
  public Future<Void> shutdown(long grace, TimeUnit unit) {
    return Future.join(servers.stream().map(s -> s.shutdown(grace, unit)).toList())
        .transform(done -> deploymentId == null ? Future.<Void>succeededFuture() : vertx.undeploy(deploymentId));
  }
}
