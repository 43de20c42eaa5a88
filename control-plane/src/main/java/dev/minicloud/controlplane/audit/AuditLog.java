package dev.minicloud.controlplane.audit;

import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.DecimalKeys;
import dev.minicloud.controlplane.metadata.Entry;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail in the AUDIT table, with an hourly digest chain for tamper evidence.
 *
 * <p>Keys (UTF-8): {@code r/<hour, epoch s, 12 digits>/<event time, epoch µs, 16 digits>/<eventId>}
 * for records (JSON {@link AuditRecord}), so a time range is one range scan; {@code d/<hour>} for
 * the hour's {@link HourDigest}. An hour is sealed once it has been over for {@link #SEAL_GRACE}
 * (a record is written as its event time is taken, before the response; within 5 ms with
 * {@code --metering-log async}).
 * Thread-safe.
 */
public final class AuditLog {

  /** How long after an hour ends its records may still arrive; it is sealed after that. */
  public static final Duration SEAL_GRACE = Duration.ofMinutes(1);

  private final MetadataStore store;

  public AuditLog(MetadataStore store) {
    this.store = store;
  }

  /** Adds the put of {@code record} to {@code batch} (the caller commits it). */
  public void appendTo(WriteBatch batch, AuditRecord record) {
    batch.put(Table.AUDIT, utf8(recordKey(record)), Json.toBytes(record));
  }

  /** A page of records and the token to pass for the next page (null at the end). */
  public record Page(List<AuditRecord> events, String nextToken) {}

  /**
   * Records with event time in [from, to), oldest first, matching the filters (null: any).
   *
   * @param accountId only this account's records (null: every account)
   * @param principal a user name or an access key id
   * @param after the {@code nextToken} of the previous page, or null
   */
  public Page query(Instant from, Instant to, String accountId, String action, String principal, int limit,
      String after) {
    byte[] start = utf8("r/" + hourKey(from.truncatedTo(ChronoUnit.HOURS)) + "/" + microsKey(from));
    if (after != null) {
      byte[] next = KeyRange.successor(utf8(after));
      if (KeyRange.compare(next, start) > 0) {
        start = next;
      }
    }
    byte[] end = utf8("r/" + hourKey(to.truncatedTo(ChronoUnit.HOURS)) + "/" + microsKey(to));
    List<AuditRecord> page = new ArrayList<>();
    String lastKey = null;
    try (CloseableIterator<Entry> entries = store.scan(Table.AUDIT, KeyRange.between(start, end))) {
      while (entries.hasNext()) {
        Entry entry = entries.next();
        AuditRecord record = Json.fromBytes(entry.value(), AuditRecord.class);
        if (page.size() == limit) {
          return new Page(page, lastKey);
        }
        lastKey = entry.keyAsString();
        if ((accountId == null || accountId.equals(record.accountId()))
            && (action == null || action.equals(record.action()))
            && (principal == null || principal.equals(record.userName()) || principal.equals(record.accessKeyId()))) {
          page.add(record);
        }
      }
    }
    return new Page(page, null);
  }

  /** Seals every complete hour not sealed yet; returns the new seals. */
  public synchronized List<HourDigest> sealClosedHours(Instant now) {
    Optional<HourDigest> last = lastDigest();
    Instant sealBefore = now.minus(SEAL_GRACE).truncatedTo(ChronoUnit.HOURS); // hours starting before this are over
    byte[] from = last.map(d -> utf8("r/" + hourKey(d.hour().plus(1, ChronoUnit.HOURS)))).orElse(utf8("r/"));
    byte[] to = utf8("r/" + hourKey(sealBefore));
    List<HourDigest> sealed = new ArrayList<>();
    String previous = last.map(HourDigest::digest).orElse(HourDigest.GENESIS);
    Instant hour = null;
    while (true) {
      hour = nextRecordHour(from, to);
      if (hour == null) {
        break;
      }
      HourDigest digest = digestOf(hour, previous, now);
      store.put(Table.AUDIT, utf8("d/" + hourKey(hour)), Json.toBytes(digest));
      sealed.add(digest);
      previous = digest.digest();
      from = utf8("r/" + hourKey(hour.plus(1, ChronoUnit.HOURS)));
    }
    return sealed;
  }

  /** One problem found by {@link #verify}. */
  public record Problem(Instant hour, String problem) {}

  /** What {@link #verify} found: intact when there are no problems. */
  public record Verification(boolean intact, int sealedHours, Instant lastSealedHour, List<Problem> problems) {}

  /** Recomputes every sealed hour and checks the chain: detects edited, inserted and deleted records. */
  public Verification verify() {
    List<Problem> problems = new ArrayList<>();
    String previous = HourDigest.GENESIS;
    Instant lastHour = null;
    int hours = 0;
    try (CloseableIterator<Entry> digests = store.scan(Table.AUDIT, KeyRange.prefix(utf8("d/")))) {
      while (digests.hasNext()) {
        HourDigest sealed = Json.fromBytes(digests.next().value(), HourDigest.class);
        hours++;
        if (lastHour != null) {
          Instant gapFrom = lastHour.plus(1, ChronoUnit.HOURS);
          Instant stray = nextRecordHour(utf8("r/" + hourKey(gapFrom)), utf8("r/" + hourKey(sealed.hour())));
          if (stray != null) {
            problems.add(new Problem(stray, "records in an hour that was not sealed"));
          }
        }
        if (!sealed.previous().equals(previous)) {
          problems.add(new Problem(sealed.hour(), "chain broken: previous digest does not match"));
        }
        HourDigest recomputed = digestOf(sealed.hour(), sealed.previous(), sealed.sealedAt());
        if (recomputed.records() != sealed.records()) {
          problems.add(new Problem(sealed.hour(), "sealed with " + sealed.records() + " records, now "
              + recomputed.records()));
        } else if (!recomputed.digest().equals(sealed.digest())) {
          problems.add(new Problem(sealed.hour(), "digest mismatch: a record was edited"));
        }
        previous = sealed.digest();
        lastHour = sealed.hour();
      }
    }
    return new Verification(problems.isEmpty(), hours, lastHour, problems);
  }

  private Optional<HourDigest> lastDigest() {
    HourDigest last = null;
    try (CloseableIterator<Entry> digests = store.scan(Table.AUDIT, KeyRange.prefix(utf8("d/")))) {
      while (digests.hasNext()) {
        last = Json.fromBytes(digests.next().value(), HourDigest.class);
      }
    }
    return Optional.ofNullable(last);
  }

  /** The hour of the first record key in [from, to), or null. */
  private Instant nextRecordHour(byte[] from, byte[] to) {
    try (CloseableIterator<Entry> records = store.scan(Table.AUDIT, KeyRange.between(from, to))) {
      if (!records.hasNext()) {
        return null;
      }
      String key = records.next().keyAsString();
      return Instant.ofEpochSecond(Long.parseLong(key.substring(2, 14)));
    }
  }

  private HourDigest digestOf(Instant hour, String previous, Instant sealedAt) {
    MessageDigest sha = sha256();
    sha.update(previous.getBytes(StandardCharsets.US_ASCII));
    long count = 0;
    try (CloseableIterator<Entry> records = store.scan(Table.AUDIT, KeyRange.prefix(utf8("r/" + hourKey(hour) + "/")))) {
      while (records.hasNext()) {
        Entry entry = records.next();
        sha.update(lengthPrefixed(entry.key()));
        sha.update(lengthPrefixed(entry.value()));
        count++;
      }
    }
    return new HourDigest(hour, count, previous, HexFormat.of().formatHex(sha.digest()), sealedAt);
  }

  private static byte[] lengthPrefixed(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 4);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
    return out.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static String recordKey(AuditRecord record) {
    return "r/" + hourKey(record.eventTime().truncatedTo(ChronoUnit.HOURS)) + "/" + microsKey(record.eventTime())
        + "/" + record.eventId();
  }

  private static String hourKey(Instant hour) {
    return DecimalKeys.zeroPadded(hour.getEpochSecond(), 12);
  }

  private static String microsKey(Instant time) {
    return DecimalKeys.zeroPadded(ChronoUnit.MICROS.between(Instant.EPOCH, time), 16);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
