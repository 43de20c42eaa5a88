package dev.minicloud.controlplane.metering;

/**
 * The meter names (exact, part of the billing API) with their units and how an hour's events
 * combine: most meters add up, {@link #STORAGE_OBJECTS} keeps the hour's maximum.
 */
public final class Meters {

  /** Bytes stored, integrated over time (sampled every minute and shortly after every change). */
  public static final String STORAGE_BYTE_HOURS = "storage.byte-hours";
  /** Objects stored: the largest count seen in the hour. */
  public static final String STORAGE_OBJECTS = "storage.objects";
  /** PUT, COPY, POST and LIST requests. */
  public static final String REQUESTS_TIER1 = "requests.tier1";
  /** GET, HEAD and every other request. */
  public static final String REQUESTS_TIER2 = "requests.tier2";
  /** Request body bytes received. */
  public static final String TRANSFER_IN = "transfer.in.bytes";
  /** Response body bytes actually sent (also for aborted downloads). */
  public static final String TRANSFER_OUT = "transfer.out.bytes";
  /** Prefix of the per-type compute meters, e.g. {@code compute.instance-seconds.small}. */
  public static final String COMPUTE_PREFIX = "compute.instance-seconds.";

  private Meters() {}

  public static String compute(String instanceType) {
    return COMPUTE_PREFIX + instanceType;
  }

  /** The unit a meter's quantities are in. */
  public static String unit(String meter) {
    return switch (meter) {
      case STORAGE_BYTE_HOURS -> "byte-hours";
      case STORAGE_OBJECTS -> "objects";
      case REQUESTS_TIER1, REQUESTS_TIER2 -> "requests";
      case TRANSFER_IN, TRANSFER_OUT -> "bytes";
      default -> meter.startsWith(COMPUTE_PREFIX) ? "seconds" : "units";
    };
  }

  /** Whether an hour's (or a longer period's) events keep the maximum instead of the sum. */
  public static boolean isMaximum(String meter) {
    return STORAGE_OBJECTS.equals(meter);
  }

  /** Whether a name is a valid meter name (for query validation). */
  public static boolean isKnown(String meter) {
    return switch (meter) {
      case STORAGE_BYTE_HOURS, STORAGE_OBJECTS, REQUESTS_TIER1, REQUESTS_TIER2, TRANSFER_IN, TRANSFER_OUT -> true;
      default -> meter.startsWith(COMPUTE_PREFIX) && meter.length() > COMPUTE_PREFIX.length();
    };
  }
}
