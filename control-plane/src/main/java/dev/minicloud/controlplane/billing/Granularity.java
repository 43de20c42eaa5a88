package dev.minicloud.controlplane.billing;

import dev.minicloud.controlplane.metering.HourlyUsage;
import dev.minicloud.controlplane.metering.Meters;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The periods usage is reported in (UTC): hour, day or calendar month. */
public enum Granularity {
  HOUR, DAY, MONTH;

  public static Optional<Granularity> parse(String text) {
    for (Granularity g : values()) {
      if (g.name().equalsIgnoreCase(text)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The start of the period containing {@code time}. */
  public Instant periodStart(Instant time) {
    ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
    return switch (this) {
      case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
      case DAY -> time.truncatedTo(ChronoUnit.DAYS);
      case MONTH -> utc.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    };
  }

  public Instant periodEnd(Instant start) {
    return switch (this) {
      case HOUR -> start.plus(1, ChronoUnit.HOURS);
      case DAY -> start.plus(1, ChronoUnit.DAYS);
      case MONTH -> start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    };
  }

  /**
   * Rolls hourly aggregates up into this granularity: quantities add up, except maximum meters
   * ({@code storage.objects}) which keep the largest hour. Input order (account, hour, meter) is kept
   * per account and period.
   */
  public List<HourlyUsage> rollUp(List<HourlyUsage> hourly) {
    if (this == HOUR) {
      return hourly;
    }
    Map<String, HourlyUsage> periods = new LinkedHashMap<>();
    for (HourlyUsage h : hourly) {
      Instant start = periodStart(h.start());
      String key = h.accountId() + "|" + start + "|" + h.meter();
      periods.merge(key, new HourlyUsage(h.accountId(), h.meter(), start, periodEnd(start), h.quantity()),
          (a, b) -> new HourlyUsage(a.accountId(), a.meter(), a.start(), a.end(), combine(a.meter(), a.quantity(),
              b.quantity())));
    }
    List<HourlyUsage> out = new ArrayList<>(periods.values());
    out.sort(java.util.Comparator.comparing(HourlyUsage::accountId).thenComparing(HourlyUsage::start)
        .thenComparing(HourlyUsage::meter));
    return out;
  }

  static BigDecimal combine(String meter, BigDecimal a, BigDecimal b) {
    return Meters.isMaximum(meter) ? a.max(b) : a.add(b);
  }
}
