package dev.minicloud.controlplane.compute.agent;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.error.ApiError;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.cluster.NodeRecord;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.Map;

/**
 * The control plane's client of the compute agents' internal instance API, always with the cluster
 * token. Agent failures become public errors here, in one place: an agent's JSON error keeps its
 * code when it is one of ours; an unreachable agent or an unknown answer is {@code ServiceUnavailable}
 * / {@code InternalError}.
 */
public final class AgentClient implements ComputeAgents {

  private static final String INSTANCES = "/internal/v1/instances";
  /** Longest an agent call may take (exec allows up to 300 s on the agent). */
  private static final long TIMEOUT_MILLIS = 330_000;

  private final HttpClientAgent http;
  private final NodeRegistry nodes;
  private final ClusterToken token;

  public AgentClient(Vertx vertx, NodeRegistry nodes, ClusterToken token) {
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setConnectTimeout(5_000)
        .setIdleTimeout(60), new PoolOptions().setHttp1MaxSize(32));
    this.nodes = nodes;
    this.token = token;
  }

  @Override
  public Future<AgentInstanceView> launch(String agentId, AgentLaunch launch) {
    return call(agentId, HttpMethod.POST, INSTANCES, launch, AgentInstanceView.class);
  }

  @Override
  public Future<AgentInstanceView> start(String agentId, String instanceId) {
    return call(agentId, HttpMethod.POST, INSTANCES + "/" + instanceId + "/start", null, AgentInstanceView.class);
  }

  @Override
  public Future<AgentInstanceView> stop(String agentId, String instanceId) {
    return call(agentId, HttpMethod.POST, INSTANCES + "/" + instanceId + "/stop", null, AgentInstanceView.class);
  }

  @Override
  public Future<AgentInstanceView> reboot(String agentId, String instanceId) {
    return call(agentId, HttpMethod.POST, INSTANCES + "/" + instanceId + "/reboot", null, AgentInstanceView.class);
  }

  @Override
  public Future<AgentInstanceView> terminate(String agentId, String instanceId) {
    return call(agentId, HttpMethod.DELETE, INSTANCES + "/" + instanceId, null, AgentInstanceView.class);
  }

  public Future<AgentInstanceView> describe(String agentId, String instanceId) {
    return call(agentId, HttpMethod.GET, INSTANCES + "/" + instanceId, null, AgentInstanceView.class);
  }

  @Override
  public Future<List<AgentInstanceView>> list(String agentId) {
    return call(agentId, HttpMethod.GET, INSTANCES, null, AgentInstanceView.Listing.class)
        .map(AgentInstanceView.Listing::instances);
  }

  @Override
  public Future<String> console(String agentId, String instanceId, int tail) {
    return call(agentId, HttpMethod.GET, INSTANCES + "/" + instanceId + "/console?tail=" + tail, null,
        AgentInstanceView.Console.class).map(AgentInstanceView.Console::output);
  }

  @Override
  public Future<AgentInstanceView.ExecOutput> exec(String agentId, String instanceId, List<String> command,
      int timeoutSeconds) {
    return call(agentId, HttpMethod.POST, INSTANCES + "/" + instanceId + "/exec",
        Map.of("command", command, "timeoutSeconds", timeoutSeconds), AgentInstanceView.ExecOutput.class);
  }

  /**
   * Opens an agent's followed console stream; the answer's body is the console as it is written
   * (the caller pipes it on and resets the request when its own client hangs up).
   */
  public Future<io.vertx.core.http.HttpClientResponse> followConsole(String agentId, String instanceId, int tail) {
    NodeRecord agent = nodes.get(agentId).orElse(null);
    if (agent == null) {
      return Future.failedFuture(new ApiException(ApiErrorCode.SERVICE_UNAVAILABLE,
          "Compute agent " + agentId + " is unknown to this control plane."));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
        .setAbsoluteURI(agent.endpoint() + INSTANCES + "/" + instanceId + "/console?follow=true&tail=" + tail)
        .setIdleTimeout(TIMEOUT_MILLIS).putHeader(ClusterToken.HEADER, token.value());
    return http.request(options)
        .compose(HttpClientRequest::send)
        .recover(e -> Future.failedFuture(new ApiException(ApiErrorCode.SERVICE_UNAVAILABLE,
            "Compute agent " + agentId + " is not reachable; try again later.", e)))
        .compose(response -> response.statusCode() == 200 ? Future.succeededFuture(response)
            : response.body().compose(bytes -> Future.failedFuture(error(agentId,
                new Answer(response.statusCode(), bytes)))));
  }

  /**
   * Streams a root filesystem tarball to an agent, which imports it as {@code repository:tag}.
   * {@code writeBody} writes the bytes (respecting back-pressure) without ending the request.
   */
  public Future<Void> importImage(String agentId, String repository, String tag,
      java.util.function.Function<HttpClientRequest, Future<Void>> writeBody) {
    NodeRecord agent = nodes.get(agentId).orElse(null);
    if (agent == null) {
      return Future.failedFuture(new ApiException(ApiErrorCode.SERVICE_UNAVAILABLE,
          "Compute agent " + agentId + " is unknown to this control plane."));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(agent.endpoint() + "/internal/v1/images?repository=" + repository + "&tag=" + tag)
        .setIdleTimeout(TIMEOUT_MILLIS).putHeader(ClusterToken.HEADER, token.value())
        .putHeader("content-type", "application/x-tar");
    return http.request(options)
        .recover(e -> Future.failedFuture(new ApiException(ApiErrorCode.SERVICE_UNAVAILABLE,
            "Compute agent " + agentId + " is not reachable; try again later.", e)))
        .compose(request -> {
          request.setChunked(true);
          Future<io.vertx.core.http.HttpClientResponse> response = request.response();
          return writeBody.apply(request).compose(v -> request.end()).compose(v -> response);
        })
        .compose(response -> response.body().map(bytes -> new Answer(response.statusCode(), bytes)))
        .compose(answer -> answer.status / 100 == 2 ? Future.<Void>succeededFuture()
            : Future.failedFuture(error(agentId, answer)));
  }

  public Future<Void> close() {
    return http.close();
  }

  private <T> Future<T> call(String agentId, HttpMethod method, String path, Object body, Class<T> type) {
    NodeRecord agent = nodes.get(agentId).orElse(null);
    if (agent == null) {
      return Future.failedFuture(new ApiException(ApiErrorCode.SERVICE_UNAVAILABLE,
          "Compute agent " + agentId + " is unknown to this control plane."));
    }
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(agent.endpoint() + path)
        .setIdleTimeout(TIMEOUT_MILLIS).putHeader(ClusterToken.HEADER, token.value());
    Buffer payload = body == null ? Buffer.buffer() : Buffer.buffer(Json.toBytes(body));
    if (body != null) {
      options.putHeader("content-type", "application/json");
    }
    return http.request(options)
        .compose((HttpClientRequest request) -> request.send(payload))
        .compose(response -> response.body().map(bytes -> new Answer(response.statusCode(), bytes)))
        .recover(e -> Future.failedFuture(new ApiException(ApiErrorCode.SERVICE_UNAVAILABLE,
            "Compute agent " + agentId + " is not reachable; try again later.", e)))
        .compose(answer -> answer.status / 100 == 2
            ? Future.succeededFuture(Json.fromBytes(answer.body.getBytes(), type))
            : Future.failedFuture(error(agentId, answer)));
  }

  private record Answer(int status, Buffer body) {}

  private static ApiException error(String agentId, Answer answer) {
    String code = null;
    String message = null;
    try {
      ApiError error = Json.fromBytes(answer.body.getBytes(), ApiError.class);
      if (error.error() != null) {
        code = error.error().code();
        message = error.error().message();
      }
    } catch (IllegalArgumentException notJson) {
      // handled below
    }
    for (ApiErrorCode known : ApiErrorCode.values()) {
      if (known.code().equals(code) && known != ApiErrorCode.INVALID_CLUSTER_TOKEN) {
        return new ApiException(known, message == null ? known.defaultMessage() : message);
      }
    }
    return new ApiException(ApiErrorCode.INTERNAL_ERROR, "Compute agent " + agentId + " answered HTTP "
        + answer.status + (code == null ? "" : " " + code));
  }
}
