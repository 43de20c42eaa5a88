package dev.minicloud.controlplane.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.minicloud.common.json.Json;

/**
 * JSON of the billing API: MiniCloud's one mapper, with decimals always written plainly
 * ({@code 0.0000000315}, never {@code 3.15E-8}) so amounts read the same to people and parsers.
 */
final class BillingJson {

  private static final ObjectWriter WRITER = Json.mapper().writer().with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);

  private BillingJson() {}

  static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getName(), e);
    }
  }
}
