package dev.minicloud.sdk.internal;

import dev.minicloud.common.sigv4.AwsUriEncoding;

/** Builds a percent-encoded query string, skipping null values. */
public final class Query {

  private final StringBuilder sb = new StringBuilder();

  /** Adds {@code name=value} unless {@code value} is null. */
  public Query add(String name, Object value) {
    if (value != null) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(AwsUriEncoding.encode(name)).append('=').append(AwsUriEncoding.encode(String.valueOf(value)));
    }
    return this;
  }

  /** One percent-encoded path segment. */
  public static String segment(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a name or id must not be empty");
    }
    return AwsUriEncoding.encode(value);
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
