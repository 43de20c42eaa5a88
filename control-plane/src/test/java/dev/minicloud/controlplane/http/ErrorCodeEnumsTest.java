package dev.minicloud.controlplane.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ErrorCode;
import dev.minicloud.common.sigv4.AuthFailure;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Errors;
import dev.minicloud.controlplane.sts.StsErrorCode;
import dev.minicloud.controlplane.sts.StsErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Invariants of every protocol's error enum: unique codes, error statuses, a message each. */
class ErrorCodeEnumsTest {

  private static final List<Class<? extends Enum<?>>> ENUMS =
      List.of(S3ErrorCode.class, StsErrorCode.class, ApiErrorCode.class);

  @Test
  void codesAreUniqueAndWellFormed() {
    for (Class<? extends Enum<?>> type : ENUMS) {
      Set<String> seen = new HashSet<>();
      for (Enum<?> constant : type.getEnumConstants()) {
        ErrorCode code = (ErrorCode) constant;
        assertTrue(seen.add(code.code()), type.getSimpleName() + " repeats " + code.code());
        assertTrue(code.httpStatus() >= 400 && code.httpStatus() <= 599, code + " status " + code.httpStatus());
        assertFalse(code.defaultMessage().isBlank(), code + " has no message");
        assertTrue(code.code().matches("[A-Z][A-Za-z0-9.]+"), code + " code " + code.code());
      }
    }
  }

  @Test
  void everyAuthFailureMapsToAClientErrorInEveryProtocol() {
    List<ProtocolErrors> protocols = List.of(new S3Errors(), new StsErrors(), new JsonErrors());
    for (ProtocolErrors protocol : protocols) {
      for (AuthFailure failure : AuthFailure.values()) {
        int status = protocol.forAuthFailure(failure).httpStatus();
        assertTrue(status >= 400 && status < 500, protocol + " maps " + failure + " to " + status);
      }
    }
  }

  @Test
  void s3ReportsExpiredPresignedUrlsAsAccessDenied() {
    assertEquals("AccessDenied", new S3Errors().forAuthFailure(AuthFailure.REQUEST_EXPIRED).code());
    assertEquals("InvalidClientTokenId", new StsErrors().forAuthFailure(AuthFailure.INVALID_ACCESS_KEY_ID).code());
  }
}
