package dev.minicloud.controlplane.metering;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of metering, billing and audit, read from the environment (kept apart from
 * {@code ControlPlaneOptions} so the feature wires in with one line).
 *
 * @param pricingFile the price list ({@code MINICLOUD_PRICING}); empty: {@code <data>/pricing.yaml}
 *     if present, else the built-in copy of {@code docs/pricing.yaml}
 * @param auditReadSampleRate share of successful S3 GET/HEAD calls that get an audit record,
 *     0.0..1.0 ({@code MINICLOUD_AUDIT_READ_SAMPLE_RATE}, default 1.0); writes and denials are
 *     always recorded
 * @param storageSampleInterval how often every account's stored bytes are sampled (1 minute)
 * @param changedSampleInterval how often accounts with a recent write are sampled (1 second)
 */
public record MeteringOptions(Optional<Path> pricingFile, double auditReadSampleRate, Duration storageSampleInterval,
    Duration changedSampleInterval) {

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
        DEFAULT_CHANGED_SAMPLE_INTERVAL);
  }

  public static MeteringOptions fromEnvironment(Map<String, String> env) {
    String rate = env.get("MINICLOUD_AUDIT_READ_SAMPLE_RATE");
    String pricing = env.get("MINICLOUD_PRICING");
    return new MeteringOptions(
        pricing == null || pricing.isBlank() ? Optional.empty() : Optional.of(Path.of(pricing)),
        rate == null || rate.isBlank() ? DEFAULT_AUDIT_READ_SAMPLE_RATE : Double.parseDouble(rate),
        DEFAULT_STORAGE_SAMPLE_INTERVAL, DEFAULT_CHANGED_SAMPLE_INTERVAL);
  }
}
