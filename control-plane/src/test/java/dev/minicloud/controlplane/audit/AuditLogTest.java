package dev.minicloud.controlplane.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.metadata.Entry;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
  final AuditLog log = new AuditLog(metadata);

  @BeforeEach
  void threeHoursOfRecords() {
    WriteBatch batch = new WriteBatch();
    for (int hour = 0; hour < 3; hour++) {
      for (int i = 0; i < 4; i++) {
        Instant at = T0.plusSeconds(hour * 3600L + i * 60L);
        boolean denied = i == 3;
        log.appendTo(batch, new AuditRecord(at, "REQ" + hour + i, "111111111111", i == 1 ? "alice" : "root",
            i == 1 ? "AKIAALICE" : "AKIAROOT", i == 2 ? "s3:GetObject" : "s3:PutObject", "arn:minicloud:s3:::b/k",
            "127.0.0.1", "test", "REQ" + hour + i, denied ? 403 : 200, AuditRecord.outcomeOf(denied ? 403 : 200),
            denied ? "AccessDenied" : null));
      }
    }
    metadata.commit(batch);
  }

  @Test
  void theChainVerifiesIntactAndSealingIsIncremental() {
    assertEquals(0, log.sealClosedHours(T0.plusSeconds(3600 + 59)).size(), "inside the grace period");
    assertEquals(1, log.sealClosedHours(T0.plusSeconds(3600 + 61)).size());
    assertEquals(2, log.sealClosedHours(T0.plusSeconds(3 * 3600 + 61)).size());
    assertEquals(0, log.sealClosedHours(T0.plusSeconds(5 * 3600)).size(), "nothing new to seal");
    AuditLog.Verification ok = log.verify();
    assertTrue(ok.intact(), ok.toString());
    assertEquals(3, ok.sealedHours());
  }

  @Test
  void anEditedRecordBreaksVerification() {
    log.sealClosedHours(T0.plusSeconds(4 * 3600));
    Entry victim = recordsOfHour(1).get(2);
    AuditRecord original = Json.fromBytes(victim.value(), AuditRecord.class);
    AuditRecord edited = new AuditRecord(original.eventTime(), original.eventId(), original.accountId(), original.userName(),
        original.accessKeyId(), "s3:ListBucket", original.resource(), original.sourceIp(), original.userAgent(),
        original.requestId(), original.httpStatus(), original.outcome(), original.errorCode());
    metadata.put(Table.AUDIT, victim.key(), Json.toBytes(edited));

    AuditLog.Verification report = log.verify();
    assertFalse(report.intact());
    assertEquals(1, report.problems().size(), report.toString());
    assertEquals(T0.plusSeconds(3600), report.problems().get(0).hour());
    assertTrue(report.problems().get(0).problem().contains("edited"));
  }

  @Test
  void aDeletedRecordOrHourBreaksVerification() {
    log.sealClosedHours(T0.plusSeconds(4 * 3600));
    metadata.delete(Table.AUDIT, recordsOfHour(0).get(3).key()); // the denial, hidden
    AuditLog.Verification report = log.verify();
    assertFalse(report.intact());
    assertTrue(report.problems().get(0).problem().contains("sealed with 4 records, now 3"), report.toString());

    // deleting a whole hour with its digest breaks the link of the next hour
    InMemoryMetadataStore other = new InMemoryMetadataStore();
    AuditLog second = new AuditLog(other);
    WriteBatch batch = new WriteBatch();
    for (Entry e : all(metadata, "r/")) {
      batch.put(Table.AUDIT, e.key(), e.value());
    }
    other.commit(batch);
    second.sealClosedHours(T0.plusSeconds(4 * 3600));
    for (Entry e : all(other, "r/" + String.format("%012d", T0.plusSeconds(3600).getEpochSecond()))) {
      other.delete(Table.AUDIT, e.key());
    }
    other.delete(Table.AUDIT, ("d/" + String.format("%012d", T0.plusSeconds(3600).getEpochSecond()))
        .getBytes(StandardCharsets.UTF_8));
    AuditLog.Verification hourGone = second.verify();
    assertFalse(hourGone.intact());
    assertTrue(hourGone.problems().stream().anyMatch(p -> p.problem().contains("chain broken")), hourGone.toString());
  }

  @Test
  void queriesFilterAndPaginate() {
    Instant to = T0.plusSeconds(3 * 3600);
    AuditLog.Page denied = log.query(T0, to, null, null, null, 100, null);
    assertEquals(12, denied.events().size());
    assertNull(denied.nextToken());
    assertEquals(3, log.query(T0, to, null, "s3:GetObject", null, 100, null).events().size());
    assertEquals(3, log.query(T0, to, null, null, "alice", 100, null).events().size());
    assertEquals(3, log.query(T0, to, null, null, "AKIAALICE", 100, null).events().size());
    assertEquals(0, log.query(T0, to, "222222222222", null, null, 100, null).events().size());
    assertEquals(4, log.query(T0.plusSeconds(3600), T0.plusSeconds(7200), null, null, null, 100, null).events().size());

    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      AuditLog.Page page = log.query(T0, to, null, null, null, 5, token);
      page.events().forEach(e -> seen.add(e.eventId()));
      token = page.nextToken();
    } while (token != null);
    assertEquals(12, seen.size());
    assertEquals(12, seen.stream().distinct().count());
  }

  private List<Entry> recordsOfHour(int hour) {
    return all(metadata, "r/" + String.format("%012d", T0.plusSeconds(hour * 3600L).getEpochSecond()));
  }

  private static List<Entry> all(InMemoryMetadataStore store, String prefix) {
    List<Entry> out = new ArrayList<>();
    try (var it = store.scan(Table.AUDIT, KeyRange.prefix(prefix.getBytes(StandardCharsets.UTF_8)))) {
      it.forEachRemaining(out::add);
    }
    return out;
  }
}
