package dev.minicloud.sdk;

import dev.minicloud.sdk.audit.AuditEvent;
import dev.minicloud.sdk.audit.AuditQuery;
import dev.minicloud.sdk.audit.AuditVerification;
import dev.minicloud.sdk.internal.JsonCalls;
import dev.minicloud.sdk.internal.Query;
import dev.minicloud.sdk.internal.TokenPages;
import java.util.List;
import java.util.stream.Stream;

/**
 * The audit trail ({@code /audit/v1}): every authenticated call, allowed or denied. Callers see
 * their own account's events; the platform root sees all and may verify the trail's integrity.
 * Obtain it from {@link MiniCloudClient#audit()}; thread-safe.
 *
 * <pre>{@code
 * client.audit().events(new AuditQuery().action("s3:DeleteObject"))
 *     .forEach(e -> System.out.println(e.eventTime() + " " + e.userName() + " " + e.resource()));
 * }</pre>
 */
public final class AuditClient {

  private static final String SERVICE = "audit";
  private static final String BASE = "/audit/v1";

  private final JsonCalls json;

  AuditClient(JsonCalls json) {
    this.json = json;
  }

  private record EventPage(List<AuditEvent> events, String nextToken) {}

  /** The last 24 hours of the caller's account's events, oldest first, fetched lazily. */
  public Stream<AuditEvent> events() {
    return events(new AuditQuery());
  }

  /** The events matching {@code query}, oldest first, fetched one page at a time as the stream is consumed. */
  public Stream<AuditEvent> events(AuditQuery query) {
    return TokenPages.stream(token -> {
      Query q = new Query().add("from", query.from()).add("to", query.to()).add("action", query.action())
          .add("principal", query.principal()).add("accountId", query.accountId())
          .add("limit", query.pageSize()).add("nextToken", token);
      EventPage page = json.call("GET", SERVICE, BASE + "/events", q.toString(), null, EventPage.class);
      return page == null ? null : new TokenPages.Page<>(page.events(), page.nextToken());
    });
  }

  /**
   * Seals the hours that are over and recomputes every sealed hour's digest chain (platform root
   * only). The current hour is not yet protected.
   */
  public AuditVerification verify() {
    return json.call("POST", SERVICE, BASE + "/verify", "", null, AuditVerification.class);
  }
}
