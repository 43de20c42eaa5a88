package dev.minicloud.controlplane.metering;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of metering, billing and audit, part of {@code ControlPlaneOptions}; the launcher fills
 * them from flags and their {@code MINICLOUD_*} environment variables.
 *
 * @param pricingFile the price list ({@code MINICLOUD_PRICING}); empty: {@code <data>/pricing.yaml}
 *     if present, else the built-in copy of {@code docs/pricing.yaml}
 * @param auditReadSampleRate share of successful S3 GET/HEAD calls that get an audit record,
 *     0.0..1.0 ({@code MINICLOUD_AUDIT_READ_SAMPLE_RATE}, default 1.0); writes and denials are
 *     always recorded
 * @param storageSampleInterval how often every account's stored bytes are sampled (1 minute)
 * @param changedSampleInterval how often accounts with a recent write are sampled (1 second)
 * @param logBeforeResponse whether a request's audit record and usage are in the write-ahead log
 *     before its response goes out ({@code MINICLOUD_METERING_LOG=before-response}, the default:
 *     every completed request survives a process crash) or are handed to the journal thread and
 *     logged within 5 ms ({@code MINICLOUD_METERING_LOG=async}: off the event loop, see
 *     docs/benchmarks.md, but a crash right after a response can lose that request's records)
 */
public record MeteringOptions(Optional<Path> pricingFile, double auditReadSampleRate, Duration storageSampleInterval,
    Duration changedSampleInterval, boolean logBeforeResponse) {

  public static final double DEFAULT_AUDIT_READ_SAMPLE_RATE = 1.0;
  public static final Duration DEFAULT_STORAGE_SAMPLE_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_CHANGED_SAMPLE_INTERVAL = Duration.ofSeconds(1);

  public MeteringOptions {
    if (auditReadSampleRate < 0 || auditReadSampleRate > 1) {
      throw new IllegalArgumentException("MINICLOUD_AUDIT_READ_SAMPLE_RATE must be within 0..1");
    }
  }

  public static MeteringOptions defaults() {
    return new MeteringOptions(Optional.empty(), DEFAULT_AUDIT_READ_SAMPLE_RATE, DEFAULT_STORAGE_SAMPLE_INTERVAL,
        DEFAULT_CHANGED_SAMPLE_INTERVAL, true);
  }

  /**
   * The settings from the launcher's flags.
   *
   * @param pricingFile a price list, or null for the default
   * @param logMode {@code before-response} (the default) or {@code async}
   */
  public static MeteringOptions of(Path pricingFile, double auditReadSampleRate, String logMode) {
    if (!"before-response".equals(logMode) && !"async".equals(logMode)) {
      throw new IllegalArgumentException("--metering-log must be before-response or async, got " + logMode);
    }
    return new MeteringOptions(Optional.ofNullable(pricingFile), auditReadSampleRate,
        DEFAULT_STORAGE_SAMPLE_INTERVAL, DEFAULT_CHANGED_SAMPLE_INTERVAL, "before-response".equals(logMode));
  }
}
