package dev.minicloud.controlplane.s3.xml;

import java.util.Objects;
import java.util.Optional;

/**
 * The body of CreateBucket ({@code PUT /bucket}).
 *
 * @param locationConstraint the requested region; empty when the body, the element or its text is
 *     absent (S3 then means {@code us-east-1})
 */
public record CreateBucketConfiguration(Optional<String> locationConstraint) {
  public CreateBucketConfiguration {
    Objects.requireNonNull(locationConstraint, "locationConstraint");
  }
}
