package dev.minicloud.storagenode.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.error.ApiErrorCode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlobErrorCodeTest {

  @Test
  void codesAreUniqueAlsoAgainstTheSharedOnesAndCarryAClientErrorStatus() {
    Set<String> codes = new HashSet<>();
    Arrays.stream(ApiErrorCode.values()).forEach(c -> codes.add(c.code()));
    for (BlobErrorCode code : BlobErrorCode.values()) {
      assertTrue(codes.add(code.code()), "duplicate code " + code.code());
      assertTrue(code.httpStatus() >= 400 && code.httpStatus() < 500, code.name());
      assertFalse(code.defaultMessage().isBlank(), code.name());
    }
    assertEquals(416, BlobErrorCode.INVALID_RANGE.httpStatus());
  }
}
