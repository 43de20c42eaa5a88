package dev.minicloud.storagenode.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's internal API on a Unix domain socket as well as on TCP, for a control plane on the
 * same host: the same HTTP and the same cluster token, without the TCP/IP stack. On loopback that
 * stack is most of the kernel's work per request (segments, acknowledgements, a soft interrupt per
 * send) and about half the CPU of streaming a large blob. Needs Netty's native transport; the
 * socket file is the owner's only (0600) and is replaced when a previous run left it behind.
 */
public final class UnixSocketListener {

  private static final Logger LOG = LoggerFactory.getLogger(UnixSocketListener.class);

  /** {@code sun_path} holds 108 bytes including the terminating NUL. */
  static final int MAX_PATH_BYTES = 107;

  private UnixSocketListener() {}

  /**
   * Listens on {@code path}; completes with null (and says why in the log) when this Vert.x
   * instance cannot serve a Unix socket or the path cannot be one, so the node serves TCP only.
   * Fails if something that is not a socket is in the way.
   */
  public static Future<HttpServer> listen(Vertx vertx, HttpServerOptions options,
      Handler<HttpServerRequest> handler, Path path) {
    Path socket = path.toAbsolutePath();
    if (!vertx.isNativeTransportEnabled()) {
      LOG.info("Serving the internal API over TCP only: a Unix socket needs Netty's native transport");
      return Future.succeededFuture();
    }
    if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
      LOG.info("Serving the internal API over TCP only: {} is longer than a Unix socket path may be", socket);
      return Future.succeededFuture();
    }
    try {
      if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        if (Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(socket, LinkOption.NOFOLLOW_LINKS)) {
          return Future.failedFuture(new IOException(socket + " exists and is not a socket; not replacing it"));
        }
        Files.delete(socket); // a socket left by an earlier run of this node (its data directory is locked)
      }
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return vertx.createHttpServer(options)
        .requestHandler(handler)
        .listen(SocketAddress.domainSocketAddress(socket.toString()))
        .compose(server -> {
          try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return Future.succeededFuture(server);
          } catch (IOException | UnsupportedOperationException e) {
            return server.close().transform(closed -> Future.failedFuture(e));
          }
        });
  }

  /** Stops listening and removes the socket file. */
  public static Future<Void> close(HttpServer server, Path path) {
    return server.close().andThen(closed -> {
      try {
        Files.deleteIfExists(path.toAbsolutePath());
      } catch (IOException e) {
        LOG.warn("Could not remove the socket file {}: {}", path, e.toString());
      }
    });
  }
}
