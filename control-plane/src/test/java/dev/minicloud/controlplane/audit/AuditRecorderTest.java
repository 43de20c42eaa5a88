package dev.minicloud.controlplane.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.http.AccessLog;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.http.RequestContextHandler;
import dev.minicloud.controlplane.identity.Principal;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metering.RequestRecordsHook;
import dev.minicloud.controlplane.metering.UsageJournal;
import dev.minicloud.controlplane.metering.UsageStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The audit recorder behind the request-records hook on a real Vert.x server: sampled reads,
 * never-sampled writes and denials, no anonymous records.
 */
class AuditRecorderTest {

  @Test
  void readsAreSampledButWritesDenialsAndErrorsNeverAre() throws Exception {
    InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(metadata);
    UsageJournal journal = new UsageJournal(usage);
    AuditLog log = new AuditLog(metadata);
    Clock clock = Clock.systemUTC();
    Principal alice = new Principal("111111111111", "alice", "AKIAALICE", false);
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      router.route().handler(new RequestContextHandler(new Ids(), clock, new AccessLog()));
      router.route().handler(new RequestRecordsHook(journal, usage,
          List.of(new AuditRecorder(log, clock, 0.0, "localhost")), // sample no reads
          account -> { }, new SimpleMeterRegistry(), true));
      router.route().handler(ctx -> {
        if (ctx.request().getHeader("x-test-anonymous") == null) {
          RequestContext.of(ctx).authenticated(alice);
        }
        ctx.next();
      });
      router.get("/b/k").handler(ctx -> {
        RequestContext.of(ctx).action("s3:GetObject");
        ctx.end("data");
      });
      router.put("/b/k").handler(ctx -> {
        RequestContext.of(ctx).action("s3:PutObject");
        ctx.end();
      });
      router.get("/b/secret").handler(ctx -> {
        RequestContext rc = RequestContext.of(ctx);
        rc.action("s3:GetObject");
        rc.errorCode("AccessDenied");
        ctx.response().setStatusCode(403).end();
      });
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.actualPort();
      Instant from = clock.instant();
      for (int i = 0; i < 5; i++) {
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/b/k")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode());
      }
      http.send(HttpRequest.newBuilder(URI.create(base + "/b/k")).PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.discarding());
      http.send(HttpRequest.newBuilder(URI.create(base + "/b/secret")).build(), HttpResponse.BodyHandlers.discarding());
      http.send(HttpRequest.newBuilder(URI.create(base + "/b/k")).header("x-test-anonymous", "1")
          .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
      journal.close(); // commits what is queued

      List<AuditRecord> records = log.query(from, clock.instant().plusSeconds(1), null, null, null, 100, null).events();
      assertEquals(2, records.size(), records.toString());
      assertEquals("s3:PutObject", records.get(0).action());
      assertEquals(AuditRecord.SUCCESS, records.get(0).outcome());
      assertEquals("arn:minicloud:s3:::b/k", records.get(0).resource());
      assertEquals("AKIAALICE", records.get(0).accessKeyId());
      assertEquals(AuditRecord.DENIED, records.get(1).outcome());
      assertEquals("AccessDenied", records.get(1).errorCode());
      assertEquals(403, records.get(1).httpStatus());
    } finally {
      journal.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
