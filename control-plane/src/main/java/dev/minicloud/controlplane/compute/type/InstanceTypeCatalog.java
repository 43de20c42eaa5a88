package dev.minicloud.controlplane.compute.type;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import java.util.List;

/** The instance types on offer: fixed, small, in ascending size. */
public final class InstanceTypeCatalog {

  private static final long MIB = 1L << 20;

  private final List<InstanceType> types = List.of(
      new InstanceType("nano", 250, 64 * MIB, 64),
      new InstanceType("micro", 500, 128 * MIB, 128),
      new InstanceType("small", 1000, 256 * MIB, 256),
      new InstanceType("medium", 2000, 512 * MIB, 512),
      new InstanceType("large", 4000, 1024 * MIB, 1024));

  public List<InstanceType> all() {
    return types;
  }

  /** The named type; an unknown name is {@code InvalidParameterValue}, as on EC2. */
  public InstanceType get(String name) {
    for (InstanceType t : types) {
      if (t.instanceType().equals(name)) {
        return t;
      }
    }
    throw new ApiException(ApiErrorCode.INVALID_PARAMETER_VALUE,
        "Invalid value '" + name + "' for instanceType. Valid types: "
            + String.join(", ", types.stream().map(InstanceType::instanceType).toList()) + ".");
  }
}
