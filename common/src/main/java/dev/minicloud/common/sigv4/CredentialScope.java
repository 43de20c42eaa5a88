package dev.minicloud.common.sigv4;

import java.time.Instant;
import java.util.Objects;

/**
 * The credential scope {@code date/region/service/aws4_request}: what the signing key is derived
 * for.
 *
 * @param date the {@code yyyyMMdd} UTC day of the request
 * @param region any region name; MiniCloud accepts whatever the client uses (usually us-east-1)
 * @param service the signing name: {@code s3}, {@code sts}, {@code iam}, {@code compute}, ...
 */
public record CredentialScope(String date, String region, String service) {

  /** The fixed last element of every scope. */
  public static final String TERMINATOR = "aws4_request";

  public CredentialScope {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(service, "service");
  }

  /** The scope of a request signed at {@code time}. */
  public static CredentialScope of(Instant time, String region, String service) {
    return new CredentialScope(AmzDates.scopeDate(time), region, service);
  }

  /** {@code date/region/service/aws4_request}, as it appears in the string to sign. */
  public String format() {
    return date + "/" + region + "/" + service + "/" + TERMINATOR;
  }

  /** The canonicalization rules this scope's service signs with. */
  public CanonicalizationProfile profile() {
    return CanonicalizationProfile.forService(service);
  }
}
